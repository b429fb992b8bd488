using YamlDotNet.RepresentationModel;

namespace Dashboard.Deployment.Tests;

internal sealed record ComposePort(string? Published, string Target);

internal sealed record ComposeVolumeMount(string Source, string Target);

internal sealed record ComposeService(
    string Name,
    string? BuildContext,
    string? BuildDockerfile,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<ComposePort> Ports,
    IReadOnlyList<ComposeVolumeMount> Volumes,
    IReadOnlyList<string> HealthcheckTest)
{
    /// <summary>depends_on: service name to condition (service_started when the short list form is used).</summary>
    public IReadOnlyDictionary<string, string> DependsOn { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>deploy.replicas, 1 when not set.</summary>
    public int Replicas { get; init; } = 1;
}

/// <summary>The parts of a compose file the deployment checks look at, in either the short or the long syntax.</summary>
internal sealed class ComposeModel
{
    private ComposeModel(IReadOnlyDictionary<string, ComposeService> services, IReadOnlySet<string> namedVolumes)
    {
        Services = services;
        NamedVolumes = namedVolumes;
    }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public IReadOnlySet<string> NamedVolumes { get; }

    public static ComposeModel Parse(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var services = new Dictionary<string, ComposeService>(StringComparer.Ordinal);
        if (Child(root, "services") is YamlMappingNode servicesNode)
        {
            foreach (var (key, value) in servicesNode.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                services[name] = ParseService(name, (YamlMappingNode)value);
            }
        }

        var volumes = new HashSet<string>(StringComparer.Ordinal);
        if (Child(root, "volumes") is YamlMappingNode volumesNode)
        {
            foreach (var key in volumesNode.Children.Keys)
            {
                volumes.Add(((YamlScalarNode)key).Value!);
            }
        }

        return new ComposeModel(services, volumes);
    }

    private static ComposeService ParseService(string name, YamlMappingNode node)
    {
        string? context = null;
        string? dockerfile = null;
        switch (Child(node, "build"))
        {
            case YamlScalarNode s:
                context = s.Value;
                break;
            case YamlMappingNode m:
                context = Scalar(m, "context");
                dockerfile = Scalar(m, "dockerfile");
                break;
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Child(node, "environment"))
        {
            case YamlMappingNode m:
                foreach (var (key, value) in m.Children)
                {
                    environment[((YamlScalarNode)key).Value!] = (value as YamlScalarNode)?.Value ?? string.Empty;
                }

                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.OfType<YamlScalarNode>())
                {
                    var text = item.Value ?? string.Empty;
                    var eq = text.IndexOf('=', StringComparison.Ordinal);
                    environment[eq < 0 ? text : text[..eq]] = eq < 0 ? string.Empty : text[(eq + 1)..];
                }

                break;
        }

        var ports = new List<ComposePort>();
        if (Child(node, "ports") is YamlSequenceNode portList)
        {
            foreach (var item in portList.Children)
            {
                ports.Add(item switch
                {
                    YamlMappingNode m => new ComposePort(Scalar(m, "published"), Scalar(m, "target") ?? string.Empty),
                    YamlScalarNode s => ParseShortPort(s.Value ?? string.Empty),
                    _ => throw new FormatException($"Unexpected port entry in service {name}"),
                });
            }
        }

        var mounts = new List<ComposeVolumeMount>();
        if (Child(node, "volumes") is YamlSequenceNode volumeList)
        {
            foreach (var item in volumeList.Children)
            {
                mounts.Add(item switch
                {
                    YamlMappingNode m => new ComposeVolumeMount(Scalar(m, "source") ?? string.Empty, Scalar(m, "target") ?? string.Empty),
                    YamlScalarNode s => ParseShortVolume(s.Value ?? string.Empty),
                    _ => throw new FormatException($"Unexpected volume entry in service {name}"),
                });
            }
        }

        var healthcheck = new List<string>();
        if (Child(node, "healthcheck") is YamlMappingNode health)
        {
            switch (Child(health, "test"))
            {
                case YamlSequenceNode seq:
                    healthcheck.AddRange(seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty));
                    break;
                case YamlScalarNode s:
                    healthcheck.Add("CMD-SHELL");
                    healthcheck.Add(s.Value ?? string.Empty);
                    break;
            }
        }

        var dependsOn = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Child(node, "depends_on"))
        {
            case YamlSequenceNode list:
                foreach (var item in list.Children.OfType<YamlScalarNode>())
                {
                    dependsOn[item.Value ?? string.Empty] = "service_started";
                }

                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    dependsOn[((YamlScalarNode)key).Value!] = (value as YamlMappingNode) is { } m ? Scalar(m, "condition") ?? "service_started" : "service_started";
                }

                break;
        }

        var replicas = Child(node, "deploy") is YamlMappingNode deploy && Scalar(deploy, "replicas") is { } r
            ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)
            : 1;

        return new ComposeService(name, context, dockerfile, environment, ports, mounts, healthcheck) { DependsOn = dependsOn, Replicas = replicas };
    }

    /// <summary>"8080", "5080:8080", "127.0.0.1:5080:8080", "5080:8080/tcp".</summary>
    internal static ComposePort ParseShortPort(string text)
    {
        var withoutProtocol = text.Split('/')[0];
        var parts = withoutProtocol.Split(':');
        return new ComposePort(parts.Length >= 2 ? parts[^2] : null, parts[^1]);
    }

    /// <summary>"name:/path" or "name:/path:ro".</summary>
    internal static ComposeVolumeMount ParseShortVolume(string text)
    {
        var parts = text.Split(':');
        return parts.Length >= 2 ? new ComposeVolumeMount(parts[0], parts[1]) : new ComposeVolumeMount(string.Empty, parts[0]);
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
