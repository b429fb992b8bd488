using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudWatch;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Tests.Checks.CloudWatch.AlarmChainInventory;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

/// <summary>Each link of the shared 4.x chain, exercised through one of the checks (CloudTrail configuration changes, 4.5).</summary>
public class CloudWatchAlarmChainTests
{
    private static readonly string Good = CloudWatchAlarmCloudTrailChanges.Requirement.ToPattern();

    private static CheckResult RunSingle(AccountInventory inventory) => Assert.Single(new CloudWatchAlarmCloudTrailChanges().Run(inventory));

    [Fact]
    public void Evaluate_CompleteChain_ReturnsPassWithEveryLinkInEvidence()
    {
        var result = RunSingle(Build(Good));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(Regions.Global, result.Region);
        Assert.Equal(Trail().Arn, result.Evidence["trail"]);
        Assert.Equal(LogGroupArn, result.Evidence["logGroup"]);
        Assert.Equal("cis-filter", result.Evidence["metricFilter"]);
        Assert.Equal($"{Namespace}/{Metric}", result.Evidence["metric"]);
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:cis-alarm", result.Evidence["alarm"]);
        Assert.Equal(TopicArn, result.Evidence["snsTopic"]);
        Assert.Contains("confirmed email subscription", result.Reason);
        Assert.Equal("true", result.Evidence["filterStructureChecked"]);
    }

    [Fact]
    public void Evaluate_UnparseablePatternWithAllTerms_PassesAndSaysStructureWasNotChecked()
    {
        var result = RunSingle(Build("$.eventName = CreateTrail || $.eventName = UpdateTrail || $.eventName = DeleteTrail || $.eventName = StartLogging || $.eventName = StopLogging"));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.StartsWith("false", result.Evidence["filterStructureChecked"]);
    }

    [Fact]
    public void Evaluate_NoTrail_ReturnsFailWithTriageNote()
    {
        var result = RunSingle(Build([], [Filter(Good)], [Alarm()], [Confirmed()]));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no CloudTrail trail", result.Reason);
        Assert.Contains("SIEM or an EventBridge rule", result.Reason);
        Assert.Equal(Good, result.Evidence["requiredPattern"]);
    }

    [Fact]
    public void Evaluate_TrailWithoutLogGroup_ReturnsFailNamingTheGap()
    {
        var result = RunSingle(Build([Trail() with { CloudWatchLogsLogGroupArn = null }], [Filter(Good)], [Alarm()], [Confirmed()]));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("audit, does not send its events to CloudWatch Logs", result.Reason);
    }

    [Fact]
    public void Evaluate_SingleRegionTrail_ReturnsFail()
    {
        var result = RunSingle(Build([Trail() with { IsMultiRegionTrail = false }], [Filter(Good)], [Alarm()], [Confirmed()]));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("applies to its home Region only", result.Reason);
    }

    [Fact]
    public void Evaluate_TrailStatusDenied_ReturnsError()
    {
        var inventory = Build([Trail() with { IsLogging = null }], [Filter(Good)], [Alarm()], [Confirmed()]) with
        {
            Errors = [TestInventory.AccessDenied("cloudtrail", "GetTrailStatus", Region, Trail().Arn)],
        };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }

    [Fact]
    public void Evaluate_NoMatchingFilter_ReturnsFailWithClosestFilter()
    {
        var result = RunSingle(Build("{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) }"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("log group cloudtrail-audit of trail audit has no metric filter with the required terms", result.Reason);
        Assert.Contains("StopLogging", result.Evidence["closestFilterGap"]);
    }

    [Fact]
    public void Evaluate_FiltersNotCollected_ReturnsErrorNotFail()
    {
        var inventory = Build(Good) with { Monitoring = Build(Good).Monitoring with { MetricFiltersByLogGroupArn = new Dictionary<string, IReadOnlyList<MetricFilter>>() } };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("metric filters of log group cloudtrail-audit were not collected", result.Reason);
    }

    [Fact]
    public void Evaluate_DescribeMetricFiltersDenied_ReturnsAccessDeniedError()
    {
        var inventory = Build(Good) with
        {
            Monitoring = Build(Good).Monitoring with { MetricFiltersByLogGroupArn = new Dictionary<string, IReadOnlyList<MetricFilter>>() },
            Errors = [TestInventory.AccessDenied("logs", "DescribeMetricFilters", Region, "cloudtrail-audit")],
        };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("logs:DescribeMetricFilters", result.Reason);
    }

    [Fact]
    public void Evaluate_LogGroupKeyedWithoutTrailingWildcard_IsFound()
    {
        var inventory = Build([Trail()], [Filter(Good)], [Alarm()], [Confirmed()], logGroupKey: "arn:aws:logs:us-east-1:123456789012:log-group:cloudtrail-audit");

        Assert.Equal(ResultStatus.Pass, RunSingle(inventory).Status);
    }

    [Fact]
    public void Evaluate_FilterWithoutAlarm_ReturnsFail()
    {
        var result = RunSingle(Build([Trail()], [Filter(Good)], [], [Confirmed()]));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains($"no alarm in us-east-1 watches its metric {Namespace}/{Metric}", result.Reason);
    }

    [Fact]
    public void Evaluate_AlarmOnSameMetricNameInOtherNamespace_DoesNotCount()
    {
        var result = RunSingle(Build([Trail()], [Filter(Good)], [Alarm(metricNamespace: "Other")], [Confirmed()]));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no alarm", result.Reason);
    }

    [Fact]
    public void Evaluate_AlarmOnlyInAnotherRegion_DoesNotCount()
    {
        var inventory = Build([Trail()], [Filter(Good)], [Alarm()], [Confirmed()], alarmRegion: "eu-west-1") with { };
        var monitoring = inventory.Monitoring with
        {
            AlarmsByRegion = new Dictionary<string, IReadOnlyList<MetricAlarm>> { ["eu-west-1"] = [Alarm()], [Region] = [] },
        };

        var result = RunSingle(inventory with { Monitoring = monitoring });

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_AlarmsNotCollectedForLogGroupRegion_ReturnsError()
    {
        var result = RunSingle(Build([Trail()], [Filter(Good)], [Alarm()], [Confirmed()], alarmRegion: "eu-west-1"));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("CloudWatch alarms in us-east-1 were not collected", result.Reason);
    }

    [Fact]
    public void Evaluate_AlarmWithoutSnsAction_ReturnsFail()
    {
        var result = RunSingle(Build([Trail()], [Filter(Good)], [Alarm(actions: ["arn:aws:automate:us-east-1:ec2:stop"])], [Confirmed()]));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("alarm cis-alarm does not notify an SNS topic", result.Reason);
    }

    [Fact]
    public void Evaluate_AlarmActionsDisabled_ReturnsFail()
    {
        var result = RunSingle(Build([Trail()], [Filter(Good)], [Alarm(actionsEnabled: false)], [Confirmed()]));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("actions disabled", result.Reason);
    }

    [Fact]
    public void Evaluate_TopicWithPendingSubscriptionOnly_ReturnsFail()
    {
        var result = RunSingle(Build([Trail()], [Filter(Good)], [Alarm()], [new SnsSubscription("PendingConfirmation", "email", "secops@kelpline.example")]));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("SNS topic security-alerts, which has no confirmed subscription", result.Reason);
    }

    [Fact]
    public void Evaluate_SubscriptionsDenied_ReturnsError()
    {
        var inventory = Build(Good) with
        {
            Monitoring = Build(Good).Monitoring with { SubscriptionsByTopicArn = new Dictionary<string, IReadOnlyList<SnsSubscription>>() },
            Errors = [TestInventory.AccessDenied("sns", "ListSubscriptionsByTopic", Region, TopicArn)],
        };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("sns:ListSubscriptionsByTopic", result.Reason);
    }

    [Fact]
    public void Evaluate_SecondTrailCarriesTheChain_ReturnsPass()
    {
        var other = Trail("other") with { CloudWatchLogsLogGroupArn = "arn:aws:logs:us-east-1:123456789012:log-group:other:*" };
        var inventory = Build([other, Trail()], [Filter(Good)], [Alarm()], [Confirmed()]);
        var monitoring = inventory.Monitoring with
        {
            MetricFiltersByLogGroupArn = new Dictionary<string, IReadOnlyList<MetricFilter>>
            {
                [LogGroupArn] = [Filter(Good)],
                ["arn:aws:logs:us-east-1:123456789012:log-group:other:*"] = [],
            },
        };

        var result = RunSingle(inventory with { Monitoring = monitoring });

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(Trail().Arn, result.Evidence["trail"]);
    }

    [Fact]
    public void Evaluate_DescribeTrailsDenied_ReturnsError()
    {
        var inventory = Build(Good) with { Errors = [TestInventory.AccessDenied("cloudtrail", "DescribeTrails", "eu-west-1")] };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }
}
