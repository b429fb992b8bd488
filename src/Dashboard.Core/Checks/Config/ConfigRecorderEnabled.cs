using System.Diagnostics.CodeAnalysis;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Config;

/// <summary>Checklist X11: each Region has an AWS Config recorder that is recording without failures and a delivery channel.</summary>
public sealed class ConfigRecorderEnabled : RegionalSettingCheck<ConfigRegion>
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "config_recorder_enabled",
        Title = "AWS Config records and delivers configuration changes in every Region",
        Service = "config",
        ResourceType = "AWS::Config::ConfigurationRecorder",
        Severity = Severity.Medium,
        Rationale = "The Config history answers \"what did this security group look like last Tuesday, and who changed it\" during an incident, "
            + "and Config rules depend on it. A recorder that is stopped, failing or has nowhere to deliver records nothing useful.",
        Remediation = new Remediation(
            Steps: "In each Region set up AWS Config with a recorder, a delivery channel to an S3 bucket, and start recording. In an AWS Organization "
                + "use a delegated administrator or a StackSet so every account and Region gets the same setup.",
            Cli: "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<config-role-arn> \\\n"
                + "  --recording-group allSupported=true,includeGlobalResourceTypes=true\n"
                + "aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<config-bucket>\n"
                + "aws configservice start-configuration-recorder --configuration-recorder-name default",
            Terraform: "resource \"aws_config_configuration_recorder\" \"this\" {\n"
                + "  name     = \"default\"\n"
                + "  role_arn = aws_iam_role.config.arn\n"
                + "  recording_group {\n"
                + "    all_supported                 = true\n"
                + "    include_global_resource_types = true\n"
                + "  }\n"
                + "}\n"
                + "resource \"aws_config_delivery_channel\" \"this\" {\n"
                + "  s3_bucket_name = aws_s3_bucket.config.id\n"
                + "  depends_on     = [aws_config_configuration_recorder.this]\n"
                + "}\n"
                + "resource \"aws_config_configuration_recorder_status\" \"this\" {\n"
                + "  name       = aws_config_configuration_recorder.this.name\n"
                + "  is_enabled = true\n"
                + "  depends_on = [aws_config_delivery_channel.this]\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html",
            "https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html",
        ],
        DataSources = [Sources.ConfigRecorders, Sources.ConfigRecorderStatus, Sources.ConfigDeliveryChannels],
    };

    private protected override string Subject => "the AWS Config recorder list";

    private protected override bool TryGet(EvaluationContext context, string region, [MaybeNullWhen(false)] out ConfigRegion value) =>
        TryGetFrom(context.Inventory.Config.Regions, region, out value);

    private protected override CheckResult EvaluateRegion(EvaluationContext context, string region, ConfigRegion config)
    {
        var accountId = context.Inventory.AccountId;
        if (config.Recorders.Count == 0)
        {
            return Fail(region, accountId, null, "AWS Config has no configuration recorder in this Region");
        }

        var recorder = config.Recorders.FirstOrDefault(r => r.Recording && !ConfigRecording.Failed(r)) ?? config.Recorders[0];
        var evidence = ConfigRecording.Evidence(recorder, config);
        var problem = !recorder.Recording ? $"recorder {recorder.Name} is not recording"
            : ConfigRecording.Failed(recorder) ? $"recorder {recorder.Name} reports its last delivery attempt as failed"
            : config.DeliveryChannelNames.Count == 0 ? $"recorder {recorder.Name} has no delivery channel to send its records to"
            : null;
        return problem is null
            ? Pass(region, recorder.Name, null, $"recorder {recorder.Name} is recording and delivers through {config.DeliveryChannelNames[0]}", evidence)
            : Fail(region, recorder.Name, null, problem, evidence);
    }
}

/// <summary>Shared reading of a Config recorder for the X11 and CIS 3.3 checks.</summary>
internal static class ConfigRecording
{
    public static bool Failed(ConfigurationRecorder recorder) => string.Equals(recorder.LastStatus, "Failure", StringComparison.OrdinalIgnoreCase);

    /// <summary>Records every supported resource type, in the old (allSupported) or the new (recording strategy) form.</summary>
    public static bool RecordsAllTypes(ConfigurationRecorder recorder) =>
        recorder.AllSupported || string.Equals(recorder.RecordingStrategy, "ALL_SUPPORTED_RESOURCE_TYPES", StringComparison.OrdinalIgnoreCase);

    public static (string, string)[] Evidence(ConfigurationRecorder recorder, ConfigRegion config) =>
    [
        ("recorder", recorder.Name),
        ("recording", recorder.Recording ? "true" : "false"),
        ("lastStatus", recorder.LastStatus ?? "unknown"),
        ("allSupported", RecordsAllTypes(recorder) ? "true" : "false"),
        ("recordingStrategy", recorder.RecordingStrategy ?? "not set"),
        ("includeGlobalResourceTypes", recorder.IncludeGlobalResourceTypes ? "true" : "false"),
        ("deliveryChannels", config.DeliveryChannelNames.Count == 0 ? "none" : string.Join(", ", config.DeliveryChannelNames)),
    ];
}
