namespace Dashboard.Aws.Tests.Support;

/// <summary>Sets environment variables for one test and restores them. Tests using it belong to <see cref="EnvironmentCollection"/>.</summary>
public sealed class EnvironmentScope : IDisposable
{
    private static readonly string[] Cleared =
    [
        "AWS_ENDPOINT_URL", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EC2_METADATA_DISABLED",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_CONFIG_SERVICE", "AWS_ENDPOINT_URL_CLOUDTRAIL",
        "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
    ];

    private readonly Dictionary<string, string?> _saved = new(StringComparer.Ordinal);

    public EnvironmentScope(params (string Name, string? Value)[] variables)
    {
        foreach (var name in Cleared.Concat(variables.Select(v => v.Name)).Distinct(StringComparer.Ordinal))
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, null);
        }

        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        // The SDK reads environment and shared config once per process; a test that changes them must re-read.
        Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
    }
}

/// <summary>Tests that change process environment variables run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "environment";
}
