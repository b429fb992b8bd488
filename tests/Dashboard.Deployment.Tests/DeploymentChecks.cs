using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Dashboard.Deployment.Tests;

/// <summary>Consistency rules between compose.yaml, docker/Dockerfile, .ci/run and the documented configuration.
/// Each rule returns the problems it found, so the same rule is tested on the real files (expecting none) and on
/// broken examples (expecting some).</summary>
internal static partial class DeploymentChecks
{
    private static readonly string[] WellKnownEnvironmentPrefixes = ["ASPNETCORE_", "DOTNET_"];
    private static readonly string[] ShellSeparators = ["&&", "||", ";", "|", "&"];

    /// <summary>Every environment key set by compose or by the runtime image is a documented configuration key.</summary>
    public static List<string> UndocumentedEnvironmentKeys(ComposeService service, DockerStage runtime, IReadOnlySet<string> documentedKeys)
    {
        var problems = new List<string>();
        var sources = service.Environment.Keys.Select(k => (Key: k, Where: $"compose service '{service.Name}'"))
            .Concat(runtime.Environment.Keys.Select(k => (Key: k, Where: "Dockerfile runtime stage ENV")));
        foreach (var (key, where) in sources)
        {
            if (WellKnownEnvironmentPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var configurationKey = ConfigurationKeys.FromEnvironmentVariable(key);
            if (!documentedKeys.Contains(configurationKey))
            {
                problems.Add($"{where} sets {key}, but '{configurationKey}' is not in appsettings.example.json");
            }
        }

        return problems;
    }

    /// <summary>
    /// The scaled-out layout: every service built from the app's Dockerfile runs on the same PostgreSQL database,
    /// which is a compose service with a health check that the app services wait for; Node__Role is a real role,
    /// and between them the services serve the web and run jobs.
    /// </summary>
    public static List<string> ScaleOutProblems(ComposeModel compose, string dockerfile)
    {
        var problems = new List<string>();
        var apps = compose.Services.Values.Where(s => s.BuildDockerfile == dockerfile).ToList();
        if (apps.Count == 0)
        {
            return [$"no compose service builds {dockerfile}"];
        }

        string[] roles = ["All", "Web", "Worker"];
        foreach (var app in apps)
        {
            var role = app.Environment.GetValueOrDefault("Node__Role") ?? "All";
            if (!roles.Contains(role, StringComparer.Ordinal))
            {
                problems.Add($"compose service '{app.Name}' sets Node__Role '{role}', which is not one of {string.Join(", ", roles)}");
            }

            if (app.Environment.GetValueOrDefault("Database__Provider") != "Postgres")
            {
                problems.Add($"compose service '{app.Name}' should set Database__Provider: Postgres (several processes share one database)");
                continue;
            }

            var host = ConnectionStringValue(app.Environment.GetValueOrDefault("Database__ConnectionString"), "Host");
            if (host is null || !compose.Services.TryGetValue(host, out var database))
            {
                problems.Add($"compose service '{app.Name}': the Host of Database__ConnectionString ('{host}') is not a compose service");
                continue;
            }

            if (database.HealthcheckTest.Count == 0)
            {
                problems.Add($"compose service '{host}' (the database) has no healthcheck");
            }

            if (app.DependsOn.GetValueOrDefault(host) != "service_healthy")
            {
                problems.Add($"compose service '{app.Name}' should depend on '{host}' with condition service_healthy");
            }
        }

        if (apps.Select(a => a.Environment.GetValueOrDefault("Database__ConnectionString")).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            problems.Add("the app services use different Database__ConnectionString values; every node must share one database");
        }

        if (!apps.Any(a => a.Environment.GetValueOrDefault("Node__Role", "All") is "All" or "Web"))
        {
            problems.Add("no compose service serves the web (Node__Role Web or All)");
        }

        if (!apps.Any(a => a.Environment.GetValueOrDefault("Node__Role", "All") is "All" or "Worker"))
        {
            problems.Add("no compose service runs jobs (Node__Role Worker or All)");
        }

        return problems;
    }

    /// <summary>One key of an ADO.NET-style connection string ("Host=db;Port=5432"), case-insensitively.</summary>
    internal static string? ConnectionStringValue(string? connectionString, string key) =>
        connectionString?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1].Trim())
            .FirstOrDefault();

    /// <summary>The container port of compose's ports equals the port in Urls, the Dockerfile's EXPOSE and the
    /// port the health checks probe.</summary>
    public static List<string> PortProblems(ComposeService service, DockerStage runtime)
    {
        var problems = new List<string>();
        var targets = service.Ports.Select(p => p.Target).Distinct(StringComparer.Ordinal).ToList();
        if (targets.Count != 1 || !int.TryParse(targets[0], NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort))
        {
            problems.Add($"compose service '{service.Name}' should publish exactly one container port, found [{string.Join(", ", targets)}]");
            return problems;
        }

        var composeUrls = service.Environment.GetValueOrDefault("Urls") ?? service.Environment.GetValueOrDefault("ASPNETCORE_URLS");
        var imageUrls = runtime.Environment.GetValueOrDefault("Urls") ?? runtime.Environment.GetValueOrDefault("ASPNETCORE_URLS");
        if (composeUrls is null && imageUrls is null)
        {
            problems.Add("neither compose nor the Dockerfile sets Urls, so the container port is not pinned");
        }

        foreach (var (urls, where) in new[] { (composeUrls, "compose Urls"), (imageUrls, "Dockerfile ENV Urls") })
        {
            if (urls is null)
            {
                continue;
            }

            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var port = PortOfUrl(url);
                if (port != containerPort)
                {
                    problems.Add($"{where} '{url}' listens on {port?.ToString(CultureInfo.InvariantCulture) ?? "no port"}, but compose publishes container port {containerPort}");
                }
            }
        }

        var exposed = runtime.All("EXPOSE").SelectMany(e => ShellWords.Split(e.Arguments)).Select(p => p.Split('/')[0]).ToList();
        if (exposed.Count == 0 || exposed.Any(p => p != containerPort.ToString(CultureInfo.InvariantCulture)))
        {
            problems.Add($"Dockerfile EXPOSE [{string.Join(", ", exposed)}] should be exactly {containerPort}");
        }

        var probe = string.Join(' ', service.HealthcheckTest);
        if (!ProbesHealthz(probe, containerPort))
        {
            problems.Add($"compose healthcheck '{probe}' does not probe /healthz on 127.0.0.1/localhost port {containerPort}");
        }

        foreach (var healthcheck in runtime.All("HEALTHCHECK"))
        {
            if (!ProbesHealthz(healthcheck.Arguments, containerPort))
            {
                problems.Add($"Dockerfile HEALTHCHECK (line {healthcheck.Line}) does not probe /healthz on port {containerPort}");
            }
        }

        return problems;
    }

    /// <summary>The named volume is mounted at Data:Directory, which the image declares as a VOLUME.</summary>
    public static List<string> DataVolumeProblems(ComposeService service, DockerStage runtime, IReadOnlySet<string> namedVolumes)
    {
        var problems = new List<string>();
        var composeDir = service.Environment.GetValueOrDefault("Data__Directory");
        var imageDir = runtime.Environment.GetValueOrDefault("Data__Directory");
        var dataDir = composeDir ?? imageDir;
        if (dataDir is null)
        {
            problems.Add("neither compose nor the Dockerfile sets Data__Directory");
            return problems;
        }

        dataDir = TrimSlash(dataDir);
        if (!dataDir.StartsWith('/'))
        {
            problems.Add($"Data__Directory '{dataDir}' should be an absolute path in the container");
        }

        if (composeDir is not null && imageDir is not null && TrimSlash(composeDir) != TrimSlash(imageDir))
        {
            problems.Add($"compose Data__Directory '{composeDir}' differs from the Dockerfile's '{imageDir}'");
        }

        var mount = service.Volumes.FirstOrDefault(v => TrimSlash(v.Target) == dataDir);
        if (mount is null)
        {
            problems.Add($"compose mounts no volume at Data__Directory '{dataDir}' (targets: [{string.Join(", ", service.Volumes.Select(v => v.Target))}])");
        }
        else if (!mount.Source.StartsWith('.') && !mount.Source.StartsWith('/') && !namedVolumes.Contains(mount.Source))
        {
            problems.Add($"compose mounts volume '{mount.Source}' at {dataDir}, but it is not declared under the top-level volumes");
        }

        var declared = runtime.All("VOLUME").SelectMany(v => ParseListOrWords(v.Arguments)).Select(TrimSlash).ToList();
        if (!declared.Contains(dataDir))
        {
            problems.Add($"Dockerfile VOLUME [{string.Join(", ", declared)}] does not include Data__Directory '{dataDir}'");
        }

        return problems;
    }

    /// <summary>The runtime stage ends with a USER that is not root.</summary>
    public static List<string> NonRootProblems(DockerStage runtime)
    {
        var user = runtime.All("USER").LastOrDefault();
        if (user is null)
        {
            return [$"the runtime stage ({runtime.From}) has no USER instruction, so the app runs as root"];
        }

        var name = user.Arguments.Trim().Split(':')[0];
        return name is "root" or "0" or "" ? [$"the runtime stage runs as '{user.Arguments}' (line {user.Line})"] : [];
    }

    /// <summary>The Dockerfile's publish command and .ci/run's are the same apart from the output folder.</summary>
    public static List<string> PublishCommandProblems(DockerfileModel dockerfile, string ciScript)
    {
        var problems = new List<string>();
        var imageCommands = dockerfile.Stages.SelectMany(s => s.All("RUN"))
            .Select(r => DotnetCommand(r.Arguments, "publish")).OfType<IReadOnlyList<string>>().ToList();
        var ciCommands = ShellLogicalLines(ciScript)
            .Select(line => DotnetCommand(line, "publish")).OfType<IReadOnlyList<string>>().ToList();
        if (imageCommands.Count != 1)
        {
            problems.Add($"the Dockerfile should run exactly one 'dotnet publish', found {imageCommands.Count}");
        }

        if (ciCommands.Count != 1)
        {
            problems.Add($".ci/run should run exactly one 'dotnet publish', found {ciCommands.Count}");
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var image = WithoutOutput(imageCommands[0], out var imageHasOutput);
        var ci = WithoutOutput(ciCommands[0], out var ciHasOutput);
        if (!imageHasOutput || !ciHasOutput)
        {
            problems.Add("both publish commands should name their output folder with -o");
        }

        if (!image.SequenceEqual(ci, StringComparer.Ordinal))
        {
            problems.Add($"publish commands differ: Dockerfile '{string.Join(' ', image)}' vs .ci/run '{string.Join(' ', ci)}' (output folder ignored)");
        }

        return problems;
    }

    /// <summary>Before the build stage restores, it has copied every file restore reads (the central props files
    /// and each project the web app depends on), and every COPY source exists in the build context.</summary>
    public static List<string> BuildStageProblems(DockerfileModel dockerfile, IEnumerable<string> restoreInputs, Func<string, bool> existsInContext)
    {
        var problems = new List<string>();
        var build = dockerfile.Stages.FirstOrDefault(s => s.All("RUN").Any(r => DotnetCommand(r.Arguments, "publish") is not null));
        if (build is null)
        {
            return ["no stage runs 'dotnet publish'"];
        }

        var copiedBeforeRestore = new List<string>();
        var restored = false;
        foreach (var instruction in build.Instructions)
        {
            if (instruction.Keyword == "RUN" && DotnetCommand(instruction.Arguments, "restore") is not null)
            {
                restored = true;
            }

            if (instruction.Keyword is not ("COPY" or "ADD"))
            {
                continue;
            }

            var words = ParseListOrWords(instruction.Arguments).ToList();
            if (words.Any(w => w.StartsWith("--from", StringComparison.Ordinal)))
            {
                continue;
            }

            var sources = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1).ToList();
            foreach (var source in sources)
            {
                if (!source.Contains('*', StringComparison.Ordinal) && !existsInContext(TrimSlash(source)))
                {
                    problems.Add($"Dockerfile line {instruction.Line} copies '{source}', which does not exist in the build context");
                }
            }

            if (!restored)
            {
                copiedBeforeRestore.AddRange(sources);
            }
        }

        if (!restored)
        {
            problems.Add("the build stage never runs 'dotnet restore' before publishing");
            return problems;
        }

        foreach (var input in restoreInputs)
        {
            var covered = copiedBeforeRestore.Any(source =>
                TrimSlash(source) == input || source == "." || input.StartsWith(TrimSlash(source) + "/", StringComparison.Ordinal));
            if (!covered)
            {
                problems.Add($"the build stage restores before copying '{input}'");
            }
        }

        return problems;
    }

    /// <summary>The repository-relative project files a project depends on, itself included.</summary>
    public static IReadOnlyList<string> ProjectClosure(string repositoryRoot, string projectPath)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(Path.Combine(repositoryRoot, projectPath)));
        while (pending.Count > 0)
        {
            var project = pending.Pop();
            var relative = Path.GetRelativePath(repositoryRoot, project).Replace('\\', '/');
            if (result.Contains(relative))
            {
                continue;
            }

            result.Add(relative);
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value.Replace('\\', '/');
                if (include is not null)
                {
                    pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include)));
                }
            }
        }

        return result;
    }

    internal static int? PortOfUrl(string url)
    {
        var match = UrlPattern().Match(url);
        if (!match.Success)
        {
            return null;
        }

        if (match.Groups["port"].Success)
        {
            return int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
        }

        return match.Groups["scheme"].Value.Equals("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
    }

    /// <summary>The words of the first "dotnet VERB ..." command in a shell command line, up to a separator or
    /// redirection; null when there is none.</summary>
    internal static IReadOnlyList<string>? DotnetCommand(string commandLine, string verb)
    {
        var words = ShellWords.Split(commandLine);
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == "dotnet" && words[i + 1] == verb)
            {
                return words.Skip(i)
                    .TakeWhile(w => !ShellSeparators.Contains(w) && !w.StartsWith('<') && !w.StartsWith('>') && !w.StartsWith("2>", StringComparison.Ordinal))
                    .ToList();
            }
        }

        return null;
    }

    private static IEnumerable<string> ShellLogicalLines(string script)
    {
        var current = string.Empty;
        foreach (var raw in script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (current.Length == 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            yield return current + line;
            current = string.Empty;
        }
    }

    private static List<string> WithoutOutput(IReadOnlyList<string> words, out bool hadOutput)
    {
        var result = new List<string>();
        hadOutput = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "-o" or "--output")
            {
                hadOutput = true;
                i++;
                continue;
            }

            if (words[i].StartsWith("-o=", StringComparison.Ordinal) || words[i].StartsWith("--output=", StringComparison.Ordinal))
            {
                hadOutput = true;
                continue;
            }

            result.Add(words[i]);
        }

        return result;
    }

    private static bool ProbesHealthz(string command, int port) =>
        command.Contains("/healthz", StringComparison.Ordinal)
        && Regex.IsMatch(command, $@"(127\.0\.0\.1|localhost)[/:]{port}(?!\d)");

    /// <summary>Dockerfile arguments in JSON array form (["a", "b"]) or as shell words.</summary>
    private static IEnumerable<string> ParseListOrWords(string arguments)
    {
        var trimmed = arguments.Trim();
        if (trimmed.StartsWith('['))
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(trimmed) ?? [];
        }

        return ShellWords.Split(trimmed);
    }

    private static string TrimSlash(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    [GeneratedRegex(@"^\s*(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://(\[[^\]]*\]|[^/:]*)(:(?<port>\d+))?")]
    private static partial Regex UrlPattern();
}
