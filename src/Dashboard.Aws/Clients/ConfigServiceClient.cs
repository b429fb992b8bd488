using Dashboard.Aws.Pipeline;

namespace Dashboard.Aws.Clients;

public sealed record ConfigurationRecorderInfo(string Name, bool AllSupported, bool IncludeGlobalResourceTypes, string? RecordingStrategy);

public sealed record ConfigurationRecorderStatus(string Name, bool Recording, string? LastStatus);

/// <summary>AWS Config (JSON 1.1), shaped like AWSSDK.ConfigService.</summary>
public sealed class ConfigServiceClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.Config, region)
{
    public Task<IReadOnlyList<ConfigurationRecorderInfo>> DescribeConfigurationRecordersAsync(CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("DescribeConfigurationRecorders"), root => (IReadOnlyList<ConfigurationRecorderInfo>)root.Arr("ConfigurationRecorders")
            .Select(r =>
            {
                var group = r.Get("recordingGroup");
                return new ConfigurationRecorderInfo(r.Str("name") ?? "", group?.Bool("allSupported") ?? false,
                    group?.Bool("includeGlobalResourceTypes") ?? false, group?.Get("recordingStrategy")?.Str("useOnly"));
            }).ToList(), cancellationToken);

    public Task<IReadOnlyList<ConfigurationRecorderStatus>> DescribeConfigurationRecorderStatusAsync(CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("DescribeConfigurationRecorderStatus"), root => (IReadOnlyList<ConfigurationRecorderStatus>)root.Arr("ConfigurationRecordersStatus")
            .Select(s => new ConfigurationRecorderStatus(s.Str("name") ?? "", s.Bool("recording"), s.Str("lastStatus"))).ToList(), cancellationToken);

    public Task<IReadOnlyList<string>> DescribeDeliveryChannelsAsync(CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("DescribeDeliveryChannels"), root => (IReadOnlyList<string>)root.Arr("DeliveryChannels")
            .Select(c => c.Str("name") ?? "").ToList(), cancellationToken);
}
