namespace Dashboard.Deployment.Tests;

/// <summary>Checks the real compose.yaml, docker/Dockerfile and .ci/run against each other and against
/// appsettings.example.json. There is no Docker engine where the tests run, so these file-level checks are what
/// keeps the container set-up in step with the app.</summary>
public sealed class DeploymentConsistencyTests
{
    private const string ServiceName = "dashboard";
    private const string WebProject = "src/Dashboard.Web/Dashboard.Web.csproj";

    private static readonly Lazy<ComposeModel> Compose = new(() => ComposeModel.Parse(RepositoryFiles.Read("compose.yaml")));
    private static readonly Lazy<DockerfileModel> Dockerfile = new(() => DockerfileModel.Parse(RepositoryFiles.Read("docker/Dockerfile")));

    private static ComposeService Service
    {
        get
        {
            Assert.True(Compose.Value.Services.TryGetValue(ServiceName, out var service), $"compose.yaml has no service '{ServiceName}'");
            return service;
        }
    }

    private static DockerStage Runtime => Dockerfile.Value.FinalStage;

    [Fact]
    public void Compose_environment_keys_are_documented_in_appsettings_example()
    {
        var keys = ConfigurationKeys.FromJson(RepositoryFiles.Read("appsettings.example.json"));
        Assert.NotEmpty(Service.Environment);

        AssertNoProblems(DeploymentChecks.UndocumentedEnvironmentKeys(Service, Runtime, keys));
    }

    [Fact]
    public void Every_app_service_sets_only_documented_configuration_keys()
    {
        var keys = ConfigurationKeys.FromJson(RepositoryFiles.Read("appsettings.example.json"));
        var apps = Compose.Value.Services.Values.Where(s => s.BuildDockerfile == "docker/Dockerfile").ToList();
        Assert.True(apps.Count >= 2, "compose.yaml should run the web node and the workers from docker/Dockerfile");

        AssertNoProblems(apps.SelectMany(app => DeploymentChecks.UndocumentedEnvironmentKeys(app, Runtime, keys)).ToList());
    }

    [Fact]
    public void Compose_scales_out_on_PostgreSQL_with_a_web_node_and_two_workers()
    {
        AssertNoProblems(DeploymentChecks.ScaleOutProblems(Compose.Value, "docker/Dockerfile"));
        Assert.Equal("Web", Service.Environment["Node__Role"]);
        Assert.True(Compose.Value.Services.TryGetValue("worker", out var worker), "compose.yaml has no service 'worker'");
        Assert.Equal("Worker", worker.Environment["Node__Role"]);
        Assert.Equal(2, worker.Replicas);
        Assert.Empty(worker.Ports);
    }

    [Fact]
    public void Compose_keeps_the_database_password_out_of_the_file()
    {
        var compose = RepositoryFiles.Read("compose.yaml");
        Assert.Matches(@"POSTGRES_PASSWORD:\s*\$\{POSTGRES_PASSWORD:\?", compose);
        foreach (var service in Compose.Value.Services.Values)
        {
            var password = DeploymentChecks.ConnectionStringValue(service.Environment.GetValueOrDefault("Database__ConnectionString"), "Password");
            Assert.True(password is null || password == "${POSTGRES_PASSWORD}", $"compose service '{service.Name}' has a literal database password");
        }
    }

    [Fact]
    public void Container_port_matches_urls_expose_and_healthchecks()
    {
        AssertNoProblems(DeploymentChecks.PortProblems(Service, Runtime));
    }

    [Fact]
    public void Data_volume_is_mounted_at_the_data_directory()
    {
        AssertNoProblems(DeploymentChecks.DataVolumeProblems(Service, Runtime, Compose.Value.NamedVolumes));
    }

    [Fact]
    public void Runtime_image_runs_as_non_root()
    {
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Runtime.From, StringComparison.Ordinal);
        AssertNoProblems(DeploymentChecks.NonRootProblems(Runtime));
    }

    [Fact]
    public void Ci_runs_the_same_publish_command_as_the_Dockerfile()
    {
        AssertNoProblems(DeploymentChecks.PublishCommandProblems(Dockerfile.Value, RepositoryFiles.Read(".ci/run")));
    }

    [Fact]
    public void Build_stage_copies_everything_restore_needs()
    {
        var inputs = DeploymentChecks.ProjectClosure(RepositoryFiles.Root, WebProject)
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config" }
                .Where(f => File.Exists(RepositoryFiles.PathOf(f))))
            .ToList();

        AssertNoProblems(DeploymentChecks.BuildStageProblems(
            Dockerfile.Value,
            inputs,
            source => File.Exists(RepositoryFiles.PathOf(source)) || Directory.Exists(RepositoryFiles.PathOf(source))));
    }

    [Fact]
    public void Compose_builds_the_Dockerfile_from_the_repository_root()
    {
        Assert.Equal(".", Service.BuildContext);
        Assert.Equal("docker/Dockerfile", Service.BuildDockerfile);
        Assert.True(File.Exists(RepositoryFiles.PathOf(Service.BuildDockerfile!)));
    }

    [Fact]
    public void Dockerignore_keeps_build_output_and_local_data_out_of_the_context()
    {
        var patterns = RepositoryFiles.Read(".dockerignore").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("**/bin/", patterns);
        Assert.Contains("**/obj/", patterns);
        Assert.Contains(".git/", patterns);
        Assert.Contains("artifacts/", patterns);
    }

    private static void AssertNoProblems(List<string> problems) =>
        Assert.True(problems.Count == 0, "Deployment files disagree:\n  " + string.Join("\n  ", problems));
}
