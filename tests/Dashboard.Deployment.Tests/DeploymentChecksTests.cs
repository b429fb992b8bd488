namespace Dashboard.Deployment.Tests;

/// <summary>The consistency rules themselves, on small broken and correct examples, so a rule that can never
/// fail would show up here.</summary>
public sealed class DeploymentChecksTests
{
    private const string GoodDockerfile = """
        FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
        WORKDIR /src
        COPY Directory.Packages.props ./
        COPY src/App/App.csproj src/App/
        RUN dotnet restore src/App/App.csproj
        COPY src/ src/
        RUN dotnet publish src/App -c Release \
            -o /app
        FROM mcr.microsoft.com/dotnet/aspnet:10.0
        COPY --from=build /app ./
        ENV Data__Directory=/data \
            Urls=http://0.0.0.0:8080
        VOLUME /data
        EXPOSE 8080
        USER $APP_UID
        """;

    private const string GoodCompose = """
        services:
          web:
            build: { context: ., dockerfile: docker/Dockerfile }
            ports: ["5080:8080"]
            volumes: [ "data:/data" ]
            environment:
              - Data__Directory=/data
              - Urls=http://0.0.0.0:8080
              - Demo__Enabled=true
              - ASPNETCORE_ENVIRONMENT=Production
            healthcheck:
              test: ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\r\n\r\n' >&3"]
        volumes:
          data:
        """;

    private static readonly string[] ContextFiles = ["Directory.Packages.props", "src/App/App.csproj", "src"];

    [Fact]
    public void Good_example_has_no_problems()
    {
        var (service, docker, volumes) = Load(GoodCompose, GoodDockerfile);
        var keys = ConfigurationKeys.FromJson("""{ "Urls": "", "Data": { "Directory": "data" }, "Demo": { "Enabled": true } }""");

        Assert.Empty(DeploymentChecks.UndocumentedEnvironmentKeys(service, docker.FinalStage, keys));
        Assert.Empty(DeploymentChecks.PortProblems(service, docker.FinalStage));
        Assert.Empty(DeploymentChecks.DataVolumeProblems(service, docker.FinalStage, volumes));
        Assert.Empty(DeploymentChecks.NonRootProblems(docker.FinalStage));
        Assert.Empty(DeploymentChecks.PublishCommandProblems(docker, "dotnet publish src/App -c Release -o \"$out\" </dev/null"));
        Assert.Empty(DeploymentChecks.BuildStageProblems(docker, ["Directory.Packages.props", "src/App/App.csproj"], ContextFiles.Contains));
    }

    private const string ScaledOutCompose = """
        services:
          db:
            image: postgres:17
            healthcheck: { test: ["CMD-SHELL", "pg_isready"] }
          web:
            build: { context: ., dockerfile: docker/Dockerfile }
            depends_on: { db: { condition: service_healthy } }
            environment: { Node__Role: Web, Database__Provider: Postgres, Database__ConnectionString: "Host=db;Database=d" }
          worker:
            build: { context: ., dockerfile: docker/Dockerfile }
            depends_on: { db: { condition: service_healthy } }
            deploy: { replicas: 2 }
            environment: { Node__Role: Worker, Database__Provider: Postgres, Database__ConnectionString: "Host=db;Database=d" }
        """;

    [Fact]
    public void Scaled_out_example_has_no_problems()
    {
        var compose = ComposeModel.Parse(ScaledOutCompose);
        Assert.Empty(DeploymentChecks.ScaleOutProblems(compose, "docker/Dockerfile"));
        Assert.Equal(2, compose.Services["worker"].Replicas);
        Assert.Equal("service_healthy", compose.Services["web"].DependsOn["db"]);
    }

    [Theory]
    [InlineData("Node__Role: Worker, Database__Provider", "Node__Role: Everything, Database__Provider", "not one of")]
    [InlineData("Node__Role: Web, Database__Provider: Postgres", "Node__Role: Web, Database__Provider: Sqlite", "Database__Provider: Postgres")]
    [InlineData("\"Host=db;Database=d\" }\n  worker", "\"Host=elsewhere;Database=d\" }\n  worker", "is not a compose service")]
    [InlineData("depends_on: { db: { condition: service_healthy } }\n    deploy", "depends_on: [ db ]\n    deploy", "condition service_healthy")]
    [InlineData("Node__Role: Worker,", "Node__Role: Web,", "no compose service runs jobs")]
    public void Broken_scale_out_is_reported(string good, string bad, string expected)
    {
        var yaml = ScaledOutCompose.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(good, yaml, StringComparison.Ordinal);
        var problems = DeploymentChecks.ScaleOutProblems(ComposeModel.Parse(yaml.Replace(good, bad, StringComparison.Ordinal)), "docker/Dockerfile");
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Undocumented_environment_key_is_reported()
    {
        var (service, docker, _) = Load(GoodCompose, GoodDockerfile);
        var keys = ConfigurationKeys.FromJson("""{ "Urls": "", "Data": { "Directory": "data" }, "Demo": { } }""");

        var problems = DeploymentChecks.UndocumentedEnvironmentKeys(service, docker.FinalStage, keys);

        var problem = Assert.Single(problems);
        Assert.Contains("Demo:Enabled", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"5080:8081\"", "http://0.0.0.0:8080", "8080")]
    [InlineData("\"5080:8080\"", "http://0.0.0.0:9090", "8080")]
    [InlineData("\"5080:8080\"", "http://0.0.0.0:8080", "80")]
    public void Port_mismatch_is_reported(string port, string urls, string expose)
    {
        var compose = GoodCompose.Replace("\"5080:8080\"", port, StringComparison.Ordinal)
            .Replace("Urls=http://0.0.0.0:8080", "Urls=" + urls, StringComparison.Ordinal);
        var dockerfile = GoodDockerfile.Replace("EXPOSE 8080", "EXPOSE " + expose, StringComparison.Ordinal);
        var (service, docker, _) = Load(compose, dockerfile);

        Assert.NotEmpty(DeploymentChecks.PortProblems(service, docker.FinalStage));
    }

    [Fact]
    public void Volume_not_at_data_directory_is_reported()
    {
        var (service, docker, volumes) = Load(GoodCompose.Replace("data:/data", "data:/var/data", StringComparison.Ordinal), GoodDockerfile);

        Assert.NotEmpty(DeploymentChecks.DataVolumeProblems(service, docker.FinalStage, volumes));
    }

    [Theory]
    [InlineData("USER root")]
    [InlineData("USER 0:0")]
    [InlineData("")]
    public void Root_user_is_reported(string userLine)
    {
        var docker = DockerfileModel.Parse(GoodDockerfile.Replace("USER $APP_UID", userLine, StringComparison.Ordinal));

        Assert.NotEmpty(DeploymentChecks.NonRootProblems(docker.FinalStage));
    }

    [Theory]
    [InlineData("dotnet publish src/App -c Debug -o /tmp/x")]
    [InlineData("dotnet publish src/Other -c Release -o /tmp/x")]
    [InlineData("echo no publish here")]
    public void Different_publish_command_is_reported(string ciLine)
    {
        var docker = DockerfileModel.Parse(GoodDockerfile);

        Assert.NotEmpty(DeploymentChecks.PublishCommandProblems(docker, "#!/bin/bash\n" + ciLine + "\n"));
    }

    [Fact]
    public void Project_copied_after_restore_is_reported()
    {
        var docker = DockerfileModel.Parse(GoodDockerfile);

        var problems = DeploymentChecks.BuildStageProblems(docker, ["src/App/App.csproj", "src/Lib/Lib.csproj"], ContextFiles.Contains);

        var problem = Assert.Single(problems);
        Assert.Contains("src/Lib/Lib.csproj", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_copy_source_is_reported()
    {
        var docker = DockerfileModel.Parse(GoodDockerfile);

        var problems = DeploymentChecks.BuildStageProblems(docker, ["src/App/App.csproj"], path => path != "src/App/App.csproj");

        Assert.Contains(problems, p => p.Contains("does not exist", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", 8080)]
    [InlineData("http://+:5000", 5000)]
    [InlineData("http://[::]:7000/", 7000)]
    [InlineData("http://localhost", 80)]
    [InlineData("https://example.test", 443)]
    public void Port_of_url(string url, int port) => Assert.Equal(port, DeploymentChecks.PortOfUrl(url));

    [Fact]
    public void Shell_words_handle_quotes_and_escapes()
    {
        Assert.Equal(["dotnet", "publish", "a b", "c$d", "e\"f", "g h"], ShellWords.Split("""dotnet publish "a b" 'c$d' e\"f g\ h"""));
    }

    [Fact]
    public void Dockerfile_env_forms_and_continuations_are_parsed()
    {
        var docker = DockerfileModel.Parse("FROM x\n# comment\nENV A=1 \\\n    B=\"two words\"\nENV C three words\n");

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "two words", ["C"] = "three words" }, docker.FinalStage.Environment);
    }

    private static (ComposeService Service, DockerfileModel Docker, IReadOnlySet<string> Volumes) Load(string compose, string dockerfile)
    {
        var model = ComposeModel.Parse(compose);
        return (model.Services["web"], DockerfileModel.Parse(dockerfile), model.NamedVolumes);
    }
}
