using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Core.Inventory;

namespace FakeAws.Tests;

/// <summary>
/// Every operation the fake serves is called through Debian's python3-botocore, and each raw response body is walked
/// through the operation's output shape in the botocore model: member names, nesting, list and map encodings, scalar
/// and timestamp formats. Shapes cannot drift from the models unnoticed.
/// </summary>
public sealed class ModelShapeTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    /// <summary>Operations newer than the Debian botocore 1.29 models; they cannot be checked against those models.</summary>
    private static readonly HashSet<(string, string)> NewerThanDebianModel =
    [
        ("iam", "ListOrganizationsFeatures"),
        ("account", "ListRegions"),
        ("ec2", "GetInstanceMetadataDefaults"),
    ];

    [Fact]
    public async Task EveryServedOperation_MatchesTheBotocoreOutputShape()
    {
        var calls = Plan(fixture.Prod.Inventory);
        var planned = calls.Select(c => (c.Service, c.Operation)).ToHashSet();
        var unplanned = FakeAwsServer.ServedOperations.Where(o => !planned.Contains(o)).ToArray();
        Assert.True(unplanned.Length == 0, "served but not checked: " + string.Join(", ", unplanned));

        var plan = new JsonObject
        {
            ["endpoint"] = fixture.Url,
            ["accessKeyId"] = fixture.Prod.AccessKeyId,
            ["secret"] = fixture.Prod.SecretAccessKey,
            ["calls"] = new JsonArray(calls.Select(c => (JsonNode)new JsonObject
            {
                ["service"] = c.Service,
                ["region"] = c.Region,
                ["operation"] = c.Operation,
                ["params"] = JsonSerializer.SerializeToNode(c.Params),
            }).ToArray()),
        };
        var results = await RunChecker(plan);
        Assert.Equal(calls.Count, results.Length);
        var failures = new List<string>();
        foreach (var r in results)
        {
            var key = ((string)r["service"]!, (string)r["operation"]!);
            if (r["ok"]!.GetValue<bool>() is false && !NewerThanDebianModel.Contains(key))
            {
                failures.Add($"{key}: {r["error"]}");
            }

            failures.AddRange(r["problems"]!.AsArray().Select(p => $"{key}: {p}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Checker_FlagsMisspelledMembersWrongEncodingsAndWrongTimestamps()
    {
        var bodies = new (string Service, string Operation, string Body, string Problem)[]
        {
            ("iam", "ListUsers", "<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users><member><Username>x</Username></member></Users><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>", "Users/member/Username: unknown member"),
            ("iam", "ListUsers", "<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users/><IsTruncated>no</IsTruncated></ListUsersResult></ListUsersResponse>", "IsTruncated: not a boolean"),
            ("cloudtrail", "GetTrailStatus", "{\"IsLogging\":true,\"LatestDeliveryTime\":\"2026-01-01T00:00:00Z\"}", "LatestDeliveryTime: timestamp should be epoch seconds"),
            ("ec2", "DescribeVpcs", "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>1</requestId><vpcSet><member><vpcId>vpc-1</vpcId></member></vpcSet></DescribeVpcsResponse>", "list item should be <item>"),
            ("guardduty", "ListDetectors", "{\"DetectorIds\":[\"a\"]}", "DetectorIds: unknown member"),
        };
        var plan = new JsonObject
        {
            ["endpoint"] = fixture.Url,
            ["accessKeyId"] = fixture.Prod.AccessKeyId,
            ["secret"] = fixture.Prod.SecretAccessKey,
            ["calls"] = new JsonArray(bodies.Select(b => (JsonNode)new JsonObject { ["service"] = b.Service, ["region"] = "us-east-1", ["operation"] = b.Operation, ["body"] = b.Body }).ToArray()),
        };
        var results = await RunChecker(plan);
        Assert.Equal(bodies.Length, results.Length);
        for (var i = 0; i < bodies.Length; i++)
        {
            var problems = results[i]["problems"]!.AsArray().Select(p => (string)p!).ToArray();
            Assert.True(problems.Any(p => p.Contains(bodies[i].Problem, StringComparison.Ordinal)), $"{bodies[i].Operation}: expected '{bodies[i].Problem}', got [{string.Join("; ", problems)}]");
        }
    }

    private async Task<JsonObject[]> RunChecker(JsonObject plan)
    {
        var planFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(planFile, plan.ToJsonString());
        try
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "check_shapes.py");
            var (exit, stdout, stderr) = await ExternalClient.RunAsync(ExternalClient.Python, [script, planFile], fixture.Prod.AccessKeyId, fixture.Prod.SecretAccessKey);
            Assert.True(exit == 0, stderr);
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        }
        finally
        {
            File.Delete(planFile);
        }
    }

    private sealed record PlannedCall(string Service, string Region, string Operation, Dictionary<string, object> Params);

    private static List<PlannedCall> Plan(AccountInventory inv)
    {
        var home = inv.Regions[0];
        var calls = new List<PlannedCall>();
        void Add(string service, string region, string operation, Dictionary<string, object>? p = null) => calls.Add(new(service, region, operation, p ?? []));

        Add("sts", home, "GetCallerIdentity");
        Add("sts", home, "AssumeRole", new() { ["RoleArn"] = ScenarioGenerator.ScannerRoleArn(inv.AccountId), ["RoleSessionName"] = "shape", ["ExternalId"] = ScenarioGenerator.DemoExternalId });

        Add("iam", home, "GetAccountAuthorizationDetails");
        Add("iam", home, "GenerateCredentialReport");
        Add("iam", home, "GenerateCredentialReport");
        Add("iam", home, "GetCredentialReport");
        Add("iam", home, "GetAccountPasswordPolicy");
        Add("iam", home, "GetAccountSummary");
        Add("iam", home, "ListVirtualMFADevices");
        Add("iam", home, "ListSAMLProviders");
        Add("iam", home, "ListOpenIDConnectProviders");
        Add("iam", home, "GetOpenIDConnectProvider", new() { ["OpenIDConnectProviderArn"] = inv.Iam.OidcProviders[0].Arn });
        Add("iam", home, "ListServerCertificates");
        Add("iam", home, "ListOrganizationsFeatures");
        Add("iam", home, "ListUsers");
        Add("iam", home, "ListRoles");
        Add("iam", home, "GetRole", new() { ["RoleName"] = inv.Iam.Roles[0].RoleName });
        Add("iam", home, "ListPolicies");
        var policy = inv.Iam.Policies[0];
        Add("iam", home, "GetPolicyVersion", new() { ["PolicyArn"] = policy.Arn, ["VersionId"] = policy.DefaultVersionId });
        Add("iam", home, "ListAccountAliases");

        var buckets = inv.S3.Buckets;
        void Bucket(string op, Func<S3Bucket, bool> pick)
        {
            var b = buckets.First(pick);
            Add("s3", b.Region, op, new() { ["Bucket"] = b.Name });
        }

        Add("s3", home, "ListBuckets");
        Bucket("GetBucketLocation", b => b.Region != "us-east-1");
        Bucket("GetBucketPolicy", b => b.Policy is not null);
        Bucket("GetBucketPolicyStatus", b => b.Policy is not null);
        Bucket("GetPublicAccessBlock", b => b.PublicAccessBlock is not null);
        Bucket("GetBucketEncryption", b => b.Encryption is not null);
        Bucket("GetBucketVersioning", b => b.VersioningStatus is not null);
        Bucket("GetBucketLogging", b => b.LoggingTargetBucket is not null);
        Bucket("GetBucketOwnershipControls", b => b.ObjectOwnership is not null);
        Bucket("GetBucketAcl", b => b.PublicAclGrants.Count > 0 || true);
        Bucket("GetBucketTagging", b => b.Tags.Count > 0);
        Bucket("HeadBucket", _ => true);
        Add("s3control", home, "GetPublicAccessBlock", new() { ["AccountId"] = inv.AccountId });

        foreach (var op in new[] { "DescribeRegions", "DescribeSecurityGroups", "DescribeInstances", "DescribeVpcs", "DescribeSubnets", "DescribeNetworkAcls", "DescribeRouteTables", "DescribeFlowLogs", "DescribeVpcEndpoints", "DescribeVpcPeeringConnections", "DescribeVolumes", "GetEbsEncryptionByDefault", "GetInstanceMetadataDefaults" })
        {
            var region = inv.Ec2.Instances.Count > 0 ? inv.Ec2.Instances[0].Region : home;
            Add("ec2", region, op, op == "DescribeRegions" ? new() { ["AllRegions"] = true } : null);
        }

        var trail = inv.CloudTrail.Trails[0];
        Add("cloudtrail", home, "DescribeTrails");
        Add("cloudtrail", trail.HomeRegion, "GetTrailStatus", new() { ["Name"] = trail.Arn });
        Add("cloudtrail", trail.HomeRegion, "GetEventSelectors", new() { ["TrailName"] = trail.Arn });

        var db = inv.Rds.Instances[0];
        Add("rds", db.Region, "DescribeDBInstances");
        Add("rds", inv.Rds.Clusters[0].Region, "DescribeDBClusters");
        var topic = inv.Monitoring.SubscriptionsByTopicArn.Keys.First();
        Add("sns", topic.Split(':')[3], "ListSubscriptionsByTopic", new() { ["TopicArn"] = topic });
        Add("cloudwatch", inv.Monitoring.AlarmsByRegion.Keys.First(), "DescribeAlarms");

        var configRegion = inv.Config.Regions.Keys.First();
        Add("config", configRegion, "DescribeConfigurationRecorders");
        Add("config", configRegion, "DescribeConfigurationRecorderStatus");
        Add("config", configRegion, "DescribeDeliveryChannels");
        var logGroup = inv.Monitoring.MetricFiltersByLogGroupArn.First();
        Add("logs", logGroup.Key.Split(':')[3], "DescribeMetricFilters", new() { ["logGroupName"] = logGroup.Value[0].LogGroupName });

        var key = inv.Kms.Keys.First(k => k.KeyManager == "CUSTOMER" && k.KeySpec == "SYMMETRIC_DEFAULT" && k.Tags.Count > 0);
        Add("kms", key.Region, "ListKeys");
        Add("kms", key.Region, "DescribeKey", new() { ["KeyId"] = key.KeyId });
        Add("kms", key.Region, "GetKeyRotationStatus", new() { ["KeyId"] = key.KeyId });
        Add("kms", key.Region, "GetKeyPolicy", new() { ["KeyId"] = key.KeyId, ["PolicyName"] = "default" });
        Add("kms", key.Region, "ListResourceTags", new() { ["KeyId"] = key.KeyId });

        var org = inv.Organization!;
        var scp = org.Policies.First(p => !p.AwsManaged);
        Add("organizations", "us-east-1", "DescribeOrganization");
        Add("organizations", "us-east-1", "ListAccounts");
        Add("organizations", "us-east-1", "ListRoots");
        Add("organizations", "us-east-1", "ListAccountsForParent", new() { ["ParentId"] = org.OrganizationalUnits[0].Id });
        Add("organizations", "us-east-1", "ListDelegatedServicesForAccount", new() { ["AccountId"] = org.DelegatedAdministrators[0].AccountId });
        Add("organizations", "us-east-1", "ListOrganizationalUnitsForParent", new() { ["ParentId"] = org.OrganizationalUnits[0].ParentId });
        Add("organizations", "us-east-1", "ListPolicies", new() { ["Filter"] = "SERVICE_CONTROL_POLICY" });
        Add("organizations", "us-east-1", "DescribePolicy", new() { ["PolicyId"] = scp.Id });
        Add("organizations", "us-east-1", "ListTargetsForPolicy", new() { ["PolicyId"] = scp.Id });
        Add("organizations", "us-east-1", "ListDelegatedAdministrators");
        Add("organizations", "us-east-1", "ListAWSServiceAccessForOrganization");

        var secret = inv.SecretsManager.Secrets.First(s => s.ResourcePolicy is not null);
        Add("secretsmanager", secret.Region, "ListSecrets");
        Add("secretsmanager", secret.Region, "GetResourcePolicy", new() { ["SecretId"] = secret.Arn });

        Add("account", "us-east-1", "GetContactInformation");
        Add("account", "us-east-1", "GetAlternateContact", new() { ["AlternateContactType"] = inv.Account.AlternateContacts.Keys.First() });
        Add("account", "us-east-1", "ListRegions");

        Add("accessanalyzer", inv.AccessAnalyzer.AnalyzersByRegion.Keys.First(), "ListAnalyzers");
        Add("efs", inv.Efs.FileSystems[0].Region, "DescribeFileSystems");
        var detectors = inv.GuardDuty.DetectorsByRegion.First(d => d.Value.Count > 0);
        Add("guardduty", detectors.Key, "ListDetectors");
        Add("guardduty", detectors.Key, "GetDetector", new() { ["DetectorId"] = detectors.Value[0].DetectorId });
        var function = inv.Lambda.Functions.First(f => f.Policy is not null);
        Add("lambda", function.Region, "ListFunctions");
        Add("lambda", function.Region, "GetPolicy", new() { ["FunctionName"] = function.FunctionName });
        Add("lambda", function.Region, "ListTags", new() { ["Resource"] = function.FunctionArn });
        var macie = inv.Macie.Regions.First(m => m.Value.Status == "ENABLED").Key;
        Add("macie2", macie, "GetMacieSession");
        Add("macie2", macie, "GetAutomatedDiscoveryConfiguration");
        Add("macie2", macie, "ListClassificationJobs");
        var hub = inv.SecurityHub.HubsByRegion.First(h => h.Value is not null).Key;
        Add("securityhub", hub, "DescribeHub");
        Add("securityhub", hub, "GetEnabledStandards");
        return calls;
    }
}
