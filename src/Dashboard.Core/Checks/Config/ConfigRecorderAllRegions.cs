using System.Diagnostics.CodeAnalysis;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Config;

/// <summary>
/// CIS v5 3.3: each Region has a recorder that records every supported resource type, is recording and has not failed.
/// Besides the per-Region results, one account result says whether global resources (IAM) are recorded in at least one Region.
/// </summary>
public sealed class ConfigRecorderAllRegions : RegionalSettingCheck<ConfigRegion>
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "config_recorder_all_regions",
        Title = "AWS Config records all resource types in every Region",
        Service = "config",
        ResourceType = "AWS::Config::ConfigurationRecorder",
        Severity = Severity.Medium,
        Rationale = "A recorder limited to a few resource types leaves gaps exactly where an intruder may act. Recording every supported type in "
            + "every Region, and global IAM resources once, gives a complete change history for investigations and audits.",
        Remediation = new Remediation(
            Steps: "In each Region edit the AWS Config settings: record all current and future resource types (recording strategy "
                + "ALL_SUPPORTED_RESOURCE_TYPES), include global resource types in one Region, keep the delivery channel, and make sure recording is on.",
            Cli: "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<config-role-arn> \\\n"
                + "  --recording-group allSupported=true,includeGlobalResourceTypes=true\n"
                + "aws configservice start-configuration-recorder --configuration-recorder-name default",
            Terraform: "resource \"aws_config_configuration_recorder\" \"this\" {\n"
                + "  name     = \"default\"\n"
                + "  role_arn = aws_iam_role.config.arn\n"
                + "  recording_group {\n"
                + "    all_supported                 = true\n"
                + "    include_global_resource_types = true # in one Region only\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html",
            "https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html",
        ],
        DataSources = [Sources.ConfigRecorders, Sources.ConfigRecorderStatus],
    };

    private protected override string Subject => "the AWS Config recorder list";

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var regional = base.Evaluate(context).ToList();
        foreach (var result in regional)
        {
            yield return result;
        }

        // Global resource types need recording in one Region; judge only once every Region was read.
        var inventory = context.Inventory;
        if (regional.Count == 0 || regional.Any(r => r.Status == ResultStatus.Error))
        {
            yield break;
        }

        var global = inventory.Regions
            .SelectMany(r => inventory.Config.Regions[r].Recorders.Select(recorder => (Region: r, Recorder: recorder)))
            .FirstOrDefault(x => x.Recorder.IncludeGlobalResourceTypes && x.Recorder.Recording && ConfigRecording.RecordsAllTypes(x.Recorder));
        yield return global.Recorder is { } recorder
            ? Pass(Regions.Global, inventory.AccountId, null, $"global resource types (IAM) are recorded by {recorder.Name} in {global.Region}",
                ("region", global.Region), ("recorder", recorder.Name))
            : Fail(Regions.Global, inventory.AccountId, null, "no Region's recorder includes global resource types, so IAM changes are not recorded");
    }

    private protected override bool TryGet(EvaluationContext context, string region, [MaybeNullWhen(false)] out ConfigRegion value) =>
        TryGetFrom(context.Inventory.Config.Regions, region, out value);

    private protected override CheckResult EvaluateRegion(EvaluationContext context, string region, ConfigRegion config)
    {
        var accountId = context.Inventory.AccountId;
        if (config.Recorders.Count == 0)
        {
            return Fail(region, accountId, null, "AWS Config has no configuration recorder in this Region");
        }

        var recorder = config.Recorders.FirstOrDefault(r => r.Recording && !ConfigRecording.Failed(r) && ConfigRecording.RecordsAllTypes(r))
            ?? config.Recorders[0];
        var evidence = ConfigRecording.Evidence(recorder, config);
        var problem = !ConfigRecording.RecordsAllTypes(recorder) ? $"recorder {recorder.Name} records only selected resource types"
            : !recorder.Recording ? $"recorder {recorder.Name} is not recording"
            : ConfigRecording.Failed(recorder) ? $"recorder {recorder.Name} reports its last delivery attempt as failed"
            : null;
        return problem is null
            ? Pass(region, recorder.Name, null, $"recorder {recorder.Name} records all supported resource types", evidence)
            : Fail(region, recorder.Name, null, problem, evidence);
    }
}
