using System.Text;
using System.Text.Json.Nodes;

namespace FakeAws.Tests;

/// <summary>Debian's aws CLI (its own bundled botocore) reads the demo scenario through the fake.</summary>
public sealed class AwsCliFidelityTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    private ScenarioAccount Prod => fixture.Prod;

    private Task<JsonNode> Aws(params string[] args) => AwsAs(Prod, fixture.Url, args);

    private static async Task<JsonNode> AwsAs(ScenarioAccount account, string url, params string[] args)
    {
        var (exit, stdout, stderr) = await ExternalClient.RunAsync(ExternalClient.Aws, ["--endpoint-url", url, "--output", "json", .. args], account.AccessKeyId, account.SecretAccessKey);
        Assert.True(exit == 0, $"aws {string.Join(' ', args)} exited {exit}: {stderr}");
        return JsonNode.Parse(stdout)!;
    }

    private async Task<string> AwsFails(params string[] args)
    {
        var (exit, _, stderr) = await ExternalClient.RunAsync(ExternalClient.Aws, ["--endpoint-url", fixture.Url, "--output", "json", .. args], Prod.AccessKeyId, Prod.SecretAccessKey);
        Assert.NotEqual(0, exit);
        return stderr;
    }

    private static string[] Strings(JsonNode? array, string member) => array!.AsArray().Select(n => (string)n![member]!).Order().ToArray();

    [Fact]
    public async Task Iam_GetAccountAuthorizationDetails_DecodesEveryDocument()
    {
        var details = await Aws("iam", "get-account-authorization-details");
        var iam = Prod.Inventory.Iam;
        Assert.Equal(iam.Roles.Select(r => r.RoleName).Order(), Strings(details["RoleDetailList"], "RoleName"));
        Assert.Equal(iam.Users.Select(u => u.UserName).Order(), Strings(details["UserDetailList"], "UserName"));
        Assert.Equal(iam.Policies.Select(p => p.PolicyName).Order(), Strings(details["Policies"], "PolicyName"));

        foreach (var role in details["RoleDetailList"]!.AsArray())
        {
            var expected = iam.Roles.Single(r => r.RoleName == (string)role!["RoleName"]!).AssumeRolePolicyDocument;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected!), role!["AssumeRolePolicyDocument"]), $"trust policy of {role["RoleName"]}");
        }

        foreach (var policy in details["Policies"]!.AsArray())
        {
            var expected = iam.Policies.Single(p => p.PolicyName == (string)policy!["PolicyName"]!);
            var versions = policy!["PolicyVersionList"]!.AsArray();
            Assert.Equal(Math.Max(1, expected.Versions.Count), versions.Count);
            var defaultVersion = versions.Single(v => (bool)v!["IsDefaultVersion"]!);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.DefaultVersionDocument!), defaultVersion!["Document"]), $"default version of {expected.PolicyName}");
        }
    }

    [Fact]
    public async Task Iam_ListRoles_FollowsMarkerAcrossForcedPages()
    {
        await using var server = await FakeAwsServer.StartAsync(fixture.Scenario with { Faults = new ScenarioFaults { PageSize = 2 } });
        var roles = await AwsAs(Prod, server.Endpoint.ToString().TrimEnd('/'), "iam", "list-roles");
        Assert.Equal(Prod.Inventory.Iam.Roles.Select(r => r.RoleName).Order(), Strings(roles["Roles"], "RoleName"));
        Assert.Equal((Prod.Inventory.Iam.Roles.Count + 1) / 2, server.Calls.Count("iam", "ListRoles"));
    }

    [Fact]
    public async Task Iam_GetAccountAuthorizationDetails_IsCompleteAcrossForcedPages()
    {
        await using var server = await FakeAwsServer.StartAsync(fixture.Scenario with { Faults = new ScenarioFaults { PageSize = 3 } });
        var details = await AwsAs(Prod, server.Endpoint.ToString().TrimEnd('/'), "iam", "get-account-authorization-details");
        var iam = Prod.Inventory.Iam;
        Assert.Equal(iam.Roles.Select(r => r.RoleName).Order(), Strings(details["RoleDetailList"], "RoleName"));
        Assert.Equal(iam.Groups.Select(g => g.GroupName).Order(), Strings(details["GroupDetailList"], "GroupName"));
        Assert.Equal(iam.Policies.Select(p => p.PolicyName).Order(), Strings(details["Policies"], "PolicyName"));
        var entities = iam.Users.Count + iam.Groups.Count + iam.Roles.Count + iam.Policies.Count;
        Assert.Equal((entities + 2) / 3, server.Calls.Count("iam", "GetAccountAuthorizationDetails"));
    }

    [Fact]
    public async Task DisabledOptInRegion_IsRejectedLikeAnUnknownToken()
    {
        var disabled = Prod.Disabled[0];
        Assert.Contains("(UnrecognizedClientException)", await AwsFails("cloudtrail", "describe-trails", "--region", disabled), StringComparison.Ordinal);
        Assert.Contains("(AuthFailure)", await AwsFails("ec2", "describe-vpcs", "--region", disabled), StringComparison.Ordinal);
        // awscli 2.9.19 predates account:ListRegions, so this one is a hand-signed request.
        var (code, body) = await RawSigned.PostJsonAsync(fixture.Server.Endpoint, Prod, "account", "us-east-1", "/listRegions", "{}");
        Assert.Equal(200, code);
        var status = JsonNode.Parse(body)!["Regions"]!.AsArray().ToDictionary(r => (string)r!["RegionName"]!, r => (string)r!["RegionOptStatus"]!);
        Assert.Equal("DISABLED", status[disabled]);
        Assert.All(Prod.Enabled, r => Assert.StartsWith("ENABLED", status[r], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Iam_CredentialReport_IsGeneratedThenReturnedAsCsv()
    {
        await using var server = await FakeAwsServer.StartAsync(fixture.Scenario);
        var url = server.Endpoint.ToString().TrimEnd('/');
        Assert.Equal("STARTED", (string)(await AwsAs(Prod, url, "iam", "generate-credential-report"))["State"]!);
        Assert.Equal("COMPLETE", (string)(await AwsAs(Prod, url, "iam", "generate-credential-report"))["State"]!);
        var report = await AwsAs(Prod, url, "iam", "get-credential-report");
        var csv = Encoding.UTF8.GetString(Convert.FromBase64String((string)report["Content"]!)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,", csv[0], StringComparison.Ordinal);
        Assert.Equal(22, csv[0].Split(',').Length);
        Assert.StartsWith("<root_account>,", csv[1], StringComparison.Ordinal);
        Assert.Equal(Prod.Inventory.Iam.CredentialReport.Count, csv.Length - 1);
    }

    [Fact]
    public async Task Iam_PasswordPolicy_IsServedOrNoSuchEntity()
    {
        var policy = await Aws("iam", "get-account-password-policy");
        Assert.Equal(Prod.Inventory.Iam.PasswordPolicy!.MinimumPasswordLength, (int)policy["PasswordPolicy"]!["MinimumPasswordLength"]!);

        var withoutPolicy = fixture.Scenario with { Accounts = [Prod with { Inventory = Prod.Inventory with { Iam = Prod.Inventory.Iam with { PasswordPolicy = null } } }] };
        await using var server = await FakeAwsServer.StartAsync(withoutPolicy);
        var (exit, _, stderr) = await ExternalClient.RunAsync(ExternalClient.Aws, ["--endpoint-url", server.Endpoint.ToString(), "iam", "get-account-password-policy"], Prod.AccessKeyId, Prod.SecretAccessKey);
        Assert.NotEqual(0, exit);
        Assert.Contains("(NoSuchEntity)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloudTrail_DescribeTrails_ShowsMultiRegionTrailsAsShadowsElsewhere()
    {
        var trail = Prod.Inventory.CloudTrail.Trails.First(t => t.IsMultiRegionTrail);
        var other = Prod.Enabled.First(r => r != trail.HomeRegion);
        var shadows = await Aws("cloudtrail", "describe-trails", "--region", other);
        Assert.Contains(trail.Arn, Strings(shadows["trailList"], "TrailARN"));
        var own = await Aws("cloudtrail", "describe-trails", "--region", other, "--no-include-shadow-trails");
        Assert.DoesNotContain(trail.Arn, Strings(own["trailList"], "TrailARN"));

        var status = await Aws("cloudtrail", "get-trail-status", "--name", trail.Arn, "--region", other);
        Assert.Equal(trail.IsLogging ?? true, (bool)status["IsLogging"]!);
    }

    [Fact]
    public async Task S3_NotConfiguredSettings_AnswerTheRealErrorCodes()
    {
        var noPolicy = Prod.Inventory.S3.Buckets.First(b => b.Policy is null);
        Assert.Contains("(NoSuchBucketPolicy)", await AwsFails("s3api", "get-bucket-policy", "--bucket", noPolicy.Name, "--region", noPolicy.Region), StringComparison.Ordinal);
        var noBlock = Prod.Inventory.S3.Buckets.First(b => b.PublicAccessBlock is null);
        Assert.Contains("(NoSuchPublicAccessBlockConfiguration)", await AwsFails("s3api", "get-public-access-block", "--bucket", noBlock.Name, "--region", noBlock.Region), StringComparison.Ordinal);
        var noOwnership = Prod.Inventory.S3.Buckets.First(b => b.ObjectOwnership is null);
        Assert.Contains("(OwnershipControlsNotFoundError)", await AwsFails("s3api", "get-bucket-ownership-controls", "--bucket", noOwnership.Name, "--region", noOwnership.Region), StringComparison.Ordinal);

        var tagged = Prod.Inventory.S3.Buckets.First(b => b.Tags.Count > 0);
        var tags = await Aws("s3api", "get-bucket-tagging", "--bucket", tagged.Name, "--region", tagged.Region);
        Assert.Equal(tagged.Tags.Keys.Order(), Strings(tags["TagSet"], "Key"));
    }

    [Fact]
    public async Task ConfigService_DescribesRecordersAndTheirStatus()
    {
        var (region, config) = Prod.Inventory.Config.Regions.First();
        var recorders = await Aws("configservice", "describe-configuration-recorders", "--region", region);
        Assert.Equal(config.Recorders.Select(r => r.Name).Order(), Strings(recorders["ConfigurationRecorders"], "name"));
        var status = await Aws("configservice", "describe-configuration-recorder-status", "--region", region);
        Assert.Equal(config.Recorders[0].Recording, (bool)status["ConfigurationRecordersStatus"]![0]!["recording"]!);
    }

    [Fact]
    public async Task MonitoringChain_FiltersAlarmsAndSubscriptions()
    {
        var (groupArn, filters) = Prod.Inventory.Monitoring.MetricFiltersByLogGroupArn.First();
        var region = groupArn.Split(':')[3];
        var served = await Aws("logs", "describe-metric-filters", "--log-group-name", filters[0].LogGroupName, "--region", region);
        Assert.Equal(filters.Select(f => f.FilterName).Order(), Strings(served["metricFilters"], "filterName"));

        var alarms = await Aws("cloudwatch", "describe-alarms", "--region", region);
        Assert.Equal(Prod.Inventory.Monitoring.AlarmsByRegion[region].Select(a => a.AlarmName).Order(), Strings(alarms["MetricAlarms"], "AlarmName"));

        var (topic, subscriptions) = Prod.Inventory.Monitoring.SubscriptionsByTopicArn.First();
        var subs = await Aws("sns", "list-subscriptions-by-topic", "--topic-arn", topic, "--region", topic.Split(':')[3]);
        Assert.Equal(subscriptions.Select(s => s.SubscriptionArn).Order(), Strings(subs["Subscriptions"], "SubscriptionArn"));
    }

    [Fact]
    public async Task SecurityHub_DescribeHub_OrInvalidAccessWhenNotSubscribed()
    {
        var hubs = Prod.Inventory.SecurityHub.HubsByRegion;
        var (on, hub) = hubs.First(h => h.Value is not null);
        Assert.Equal(hub!.HubArn, (string)(await Aws("securityhub", "describe-hub", "--region", on))["HubArn"]!);
        var off = hubs.First(h => h.Value is null).Key;
        Assert.Contains("(InvalidAccessException)", await AwsFails("securityhub", "describe-hub", "--region", off), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuardDuty_ListsAndDescribesDetectors()
    {
        var (region, detectors) = Prod.Inventory.GuardDuty.DetectorsByRegion.First(d => d.Value.Count > 0);
        var ids = await Aws("guardduty", "list-detectors", "--region", region);
        Assert.Equal(detectors.Select(d => d.DetectorId), ids["DetectorIds"]!.AsArray().Select(n => (string)n!));
        var detector = await Aws("guardduty", "get-detector", "--detector-id", detectors[0].DetectorId, "--region", region);
        Assert.Equal(detectors[0].Status, (string)detector["Status"]!);
    }

    [Fact]
    public async Task Organizations_DescribesTheOrganizationAndItsAccounts()
    {
        var org = Prod.Inventory.Organization!;
        Assert.Equal(org.Id, (string)(await Aws("organizations", "describe-organization"))["Organization"]!["Id"]!);
        Assert.Equal(org.Accounts.Select(a => a.Id).Order(), Strings((await Aws("organizations", "list-accounts"))["Accounts"], "Id"));
        var scps = await Aws("organizations", "list-policies", "--filter", "SERVICE_CONTROL_POLICY");
        Assert.Equal(org.Policies.Where(p => p.Type == "SERVICE_CONTROL_POLICY").Select(p => p.Id).Order(), Strings(scps["Policies"], "Id"));
    }

    [Fact]
    public async Task Account_AlternateContact_OrResourceNotFound()
    {
        var (type, contact) = Prod.Inventory.Account.AlternateContacts.First();
        var served = await Aws("account", "get-alternate-contact", "--alternate-contact-type", type);
        Assert.Equal(contact.EmailAddress, (string)served["AlternateContact"]!["EmailAddress"]!);

        var noContacts = fixture.Scenario with { Accounts = [Prod with { Inventory = Prod.Inventory with { Account = Prod.Inventory.Account with { AlternateContacts = new Dictionary<string, Dashboard.Core.Inventory.AlternateContact>() } } }] };
        await using var server = await FakeAwsServer.StartAsync(noContacts);
        var (exit, _, stderr) = await ExternalClient.RunAsync(ExternalClient.Aws, ["--endpoint-url", server.Endpoint.ToString(), "account", "get-alternate-contact", "--alternate-contact-type", type], Prod.AccessKeyId, Prod.SecretAccessKey);
        Assert.NotEqual(0, exit);
        Assert.Contains("(ResourceNotFoundException)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lambda_ListsFunctionsAndPolicies()
    {
        var withPolicy = Prod.Inventory.Lambda.Functions.First(f => f.Policy is not null);
        var functions = await Aws("lambda", "list-functions", "--region", withPolicy.Region);
        Assert.Equal(Prod.Inventory.Lambda.Functions.Where(f => f.Region == withPolicy.Region).Select(f => f.FunctionName).Order(), Strings(functions["Functions"], "FunctionName"));
        var policy = await Aws("lambda", "get-policy", "--function-name", withPolicy.FunctionName, "--region", withPolicy.Region);
        Assert.Equal(withPolicy.Policy, (string)policy["Policy"]!);

        var without = Prod.Inventory.Lambda.Functions.First(f => f.Policy is null);
        Assert.Contains("(ResourceNotFoundException)", await AwsFails("lambda", "get-policy", "--function-name", without.FunctionName, "--region", without.Region), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rds_DescribesInstancesAndClusters()
    {
        var region = Prod.Inventory.Rds.Instances[0].Region;
        var instances = await Aws("rds", "describe-db-instances", "--region", region);
        Assert.Equal(Prod.Inventory.Rds.Instances.Where(i => i.Region == region).Select(i => i.DbInstanceIdentifier).Order(), Strings(instances["DBInstances"], "DBInstanceIdentifier"));
        var cluster = Prod.Inventory.Rds.Clusters[0];
        var clusters = await Aws("rds", "describe-db-clusters", "--region", cluster.Region);
        Assert.Equal([cluster.DbClusterIdentifier], Strings(clusters["DBClusters"], "DBClusterIdentifier"));
    }

    [Fact]
    public async Task SecretsEfsMacieAccessAnalyzer_ServeTheScenario()
    {
        var secret = Prod.Inventory.SecretsManager.Secrets[0];
        var secrets = await Aws("secretsmanager", "list-secrets", "--region", secret.Region);
        Assert.Equal(Prod.Inventory.SecretsManager.Secrets.Where(s => s.Region == secret.Region).Select(s => s.Name).Order(), Strings(secrets["SecretList"], "Name"));

        var fs = Prod.Inventory.Efs.FileSystems[0];
        var fileSystems = await Aws("efs", "describe-file-systems", "--region", fs.Region);
        Assert.Equal(fs.Encrypted, (bool)fileSystems["FileSystems"]!.AsArray().Single(f => (string)f!["FileSystemId"]! == fs.FileSystemId)!["Encrypted"]!);

        var (macieOn, _) = Prod.Inventory.Macie.Regions.First(m => m.Value.Status == "ENABLED");
        Assert.Equal("ENABLED", (string)(await Aws("macie2", "get-macie-session", "--region", macieOn))["status"]!);
        var macieOff = Prod.Inventory.Macie.Regions.First(m => m.Value.Status == "DISABLED").Key;
        Assert.Contains("(AccessDeniedException)", await AwsFails("macie2", "get-macie-session", "--region", macieOff), StringComparison.Ordinal);

        var (analyzerRegion, analyzers) = Prod.Inventory.AccessAnalyzer.AnalyzersByRegion.First();
        var served = await Aws("accessanalyzer", "list-analyzers", "--region", analyzerRegion);
        Assert.Equal(analyzers.Select(a => a.Name).Order(), Strings(served["analyzers"], "name"));
    }

    [Fact]
    public async Task WrongSecret_IsRejectedForQueryAndJsonServices()
    {
        var wrong = Prod with { SecretAccessKey = "wrong" };
        foreach (var args in new[] { new[] { "sts", "get-caller-identity" }, ["cloudtrail", "describe-trails"], ["guardduty", "list-detectors"] })
        {
            var (exit, _, stderr) = await ExternalClient.RunAsync(ExternalClient.Aws, ["--endpoint-url", fixture.Url, .. args], wrong.AccessKeyId, wrong.SecretAccessKey);
            Assert.NotEqual(0, exit);
            Assert.True(stderr.Contains("(SignatureDoesNotMatch)", StringComparison.Ordinal) || stderr.Contains("(InvalidSignatureException)", StringComparison.Ordinal), stderr);
        }
    }
}
