using Dashboard.Core.Inventory;
using FakeAws.Wire;

namespace FakeAws;

/// <summary>
/// Sample data for the services the demo organisation leaves empty (Config, GuardDuty, Security Hub, KMS, RDS, EFS,
/// Secrets Manager, Lambda, Macie, the monitoring chain, account contacts, Organizations, Access Analyzer), so the demo
/// scenario exercises every operation the fake serves. Members the inventory already has are kept. Deterministic.
/// </summary>
public static class ScenarioSamples
{
    public static AccountInventory Fill(AccountInventory inv, string managementAccountId, IReadOnlyList<string> organizationAccountIds)
    {
        var acct = inv.AccountId;
        var home = inv.Regions.Count > 0 ? inv.Regions[0] : "us-east-1";
        var second = inv.Regions.Skip(1).FirstOrDefault() ?? home;
        var t = inv.CollectedAt;
        var isManagement = organizationAccountIds.Count > 0 && acct == organizationAccountIds[0];
        var trailGroup = inv.CloudTrail.Trails.Select(x => x.CloudWatchLogsLogGroupArn).FirstOrDefault(a => a is not null);
        var topic = $"arn:aws:sns:{home}:{acct}:security-alarms";
        string Key(string seed)
        {
            var h = Ids.Hex(acct + seed, 32);
            return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..32]}";
        }

        return inv with
        {
            S3 = inv.S3.Buckets.Any(b => b.ObjectOwnership is not null || b.LoggingTargetBucket is not null) || inv.S3.Buckets.Count == 0 ? inv.S3 : inv.S3 with
            {
                Buckets = inv.S3.Buckets.Select((b, i) => b with
                {
                    ObjectOwnership = b.PublicAccessBlock is null ? "ObjectWriter" : i % 3 == 2 ? null : "BucketOwnerEnforced",
                    PublicAclGrants = b.PublicAccessBlock is null && i % 2 == 0 ? [new BucketAclGrant("http://acs.amazonaws.com/groups/global/AllUsers", "READ")] : b.PublicAclGrants,
                    LoggingTargetBucket = b.VersioningStatus is "Enabled" ? inv.S3.Buckets[0].Name : null,
                }).ToArray(),
            },
            Account = inv.Account.ContactInformation is not null ? inv.Account : new AccountSettingsData
            {
                ContactInformation = new ContactInformation("Kelpline Cloud Team", "Kelpline Logistics", "+47 00000000", "NO"),
                AlternateContacts = isManagement
                    ? new Dictionary<string, AlternateContact> { ["SECURITY"] = new("SECURITY", "Security Operations", "security@kelpline.example", "+47 00000001", "SOC") }
                    : new Dictionary<string, AlternateContact>(),
            },
            Organization = inv.Organization ?? new OrganizationData
            {
                Id = "o-" + Ids.Hex(managementAccountId, 10),
                MasterAccountId = managementAccountId,
                StructureVisible = isManagement,
                Accounts = [.. new[] { managementAccountId }.Concat(organizationAccountIds).Select((id, i) => new OrganizationAccount(id, $"account-{i}", $"aws+{id}@kelpline.example", "ACTIVE", i == 0 ? "r-" + Ids.Hex(managementAccountId, 4) : "ou-" + Ids.Hex(managementAccountId, 4) + "-workloads"))],
                OrganizationalUnits = [new OrganizationalUnit("ou-" + Ids.Hex(managementAccountId, 4) + "-workloads", "Workloads", "r-" + Ids.Hex(managementAccountId, 4))],
                Policies =
                [
                    new OrganizationPolicy("p-FullAWSAccess", "FullAWSAccess", "SERVICE_CONTROL_POLICY", true, ["r-" + Ids.Hex(managementAccountId, 4)], """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""),
                    new OrganizationPolicy("p-" + Ids.Hex(managementAccountId + "deny", 8), "DenyLeaveOrganization", "SERVICE_CONTROL_POLICY", false, ["ou-" + Ids.Hex(managementAccountId, 4) + "-workloads"], """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"""),
                ],
                DelegatedAdministrators = [new DelegatedAdministrator(acct, ["securityhub.amazonaws.com", "guardduty.amazonaws.com"])],
                EnabledIamFeatures = ["RootCredentialsManagement"],
                EnabledServicePrincipals = ["cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com"],
            },
            AccessAnalyzer = inv.AccessAnalyzer.AnalyzersByRegion.Count > 0 ? inv.AccessAnalyzer : new AccessAnalyzerData
            {
                AnalyzersByRegion = new Dictionary<string, IReadOnlyList<Analyzer>>
                {
                    [home] = [new Analyzer("account-analyzer", $"arn:aws:access-analyzer:{home}:{acct}:analyzer/account-analyzer", "ACCOUNT", "ACTIVE")],
                },
            },
            Config = inv.Config.Regions.Count > 0 ? inv.Config : new ConfigData
            {
                Regions = new Dictionary<string, ConfigRegion>
                {
                    [home] = new() { Recorders = [new ConfigurationRecorder("default", true, true, "ALL_SUPPORTED_RESOURCE_TYPES", true, "Success")], DeliveryChannelNames = ["default"] },
                    [second] = new() { Recorders = [new ConfigurationRecorder("default", false, false, "INCLUSION_BY_RESOURCE_TYPES", false, "Failure")] },
                },
            },
            Monitoring = inv.Monitoring.MetricFiltersByLogGroupArn.Count > 0 || trailGroup is null ? inv.Monitoring : new MonitoringData
            {
                MetricFiltersByLogGroupArn = new Dictionary<string, IReadOnlyList<MetricFilter>>
                {
                    [trailGroup] =
                    [
                        new MetricFilter("unauthorized-api-calls", LogGroupName(trailGroup), "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }", [new MetricTransformation("UnauthorizedAPICalls", "CISBenchmark")]),
                        new MetricFilter("root-usage", LogGroupName(trailGroup), "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }", [new MetricTransformation("RootAccountUsage", "CISBenchmark")]),
                    ],
                },
                AlarmsByRegion = new Dictionary<string, IReadOnlyList<MetricAlarm>>
                {
                    [RegionOf(trailGroup)] =
                    [
                        new MetricAlarm("unauthorized-api-calls", $"arn:aws:cloudwatch:{RegionOf(trailGroup)}:{acct}:alarm:unauthorized-api-calls", "UnauthorizedAPICalls", "CISBenchmark", [topic]),
                        new MetricAlarm("root-usage", $"arn:aws:cloudwatch:{RegionOf(trailGroup)}:{acct}:alarm:root-usage", "RootAccountUsage", "CISBenchmark", [topic]),
                    ],
                },
                SubscriptionsByTopicArn = new Dictionary<string, IReadOnlyList<SnsSubscription>>
                {
                    [topic] = [new SnsSubscription(topic + ":" + Key("sub"), "email", "security@kelpline.example"), new SnsSubscription("PendingConfirmation", "email", "oncall@kelpline.example")],
                },
            },
            GuardDuty = inv.GuardDuty.DetectorsByRegion.Count > 0 ? inv.GuardDuty : new GuardDutyData
            {
                DetectorsByRegion = new Dictionary<string, IReadOnlyList<GuardDutyDetector>>
                {
                    [home] = [new GuardDutyDetector(Ids.Hex(acct + home + "gd", 32), "ENABLED", new Dictionary<string, string> { ["CLOUD_TRAIL"] = "ENABLED", ["S3_DATA_EVENTS"] = "ENABLED" })],
                    [second] = [],
                },
            },
            SecurityHub = inv.SecurityHub.HubsByRegion.Count > 0 ? inv.SecurityHub : new SecurityHubData
            {
                HubsByRegion = new Dictionary<string, SecurityHubHub?>
                {
                    [home] = new SecurityHubHub($"arn:aws:securityhub:{home}:{acct}:hub/default", t.AddDays(-300), [$"arn:aws:securityhub:{home}::standards/cis-aws-foundations-benchmark/v/3.0.0", $"arn:aws:securityhub:{home}::standards/aws-foundational-security-best-practices/v/1.0.0"]),
                    [second] = null,
                },
            },
            Kms = inv.Kms.Keys.Count > 0 ? inv.Kms : new KmsData
            {
                Keys =
                [
                    new KmsKey { KeyId = Key("k1"), Arn = $"arn:aws:kms:{home}:{acct}:key/{Key("k1")}", Region = home, Description = "CloudTrail logs", KeyRotationEnabled = true, Tags = new Dictionary<string, string> { ["Purpose"] = "cloudtrail" } },
                    new KmsKey { KeyId = Key("k2"), Arn = $"arn:aws:kms:{home}:{acct}:key/{Key("k2")}", Region = home, Description = "Application data", KeyRotationEnabled = false },
                    new KmsKey { KeyId = Key("k3"), Arn = $"arn:aws:kms:{home}:{acct}:key/{Key("k3")}", Region = home, KeyManager = "AWS", Description = "Default key that protects my S3 objects", KeyRotationEnabled = true },
                    new KmsKey { KeyId = Key("k4"), Arn = $"arn:aws:kms:{second}:{acct}:key/{Key("k4")}", Region = second, KeySpec = "RSA_2048", Description = "Signing" },
                ],
            },
            Rds = inv.Rds.Instances.Count > 0 ? inv.Rds : new RdsData
            {
                Instances =
                [
                    new RdsInstance { DbInstanceIdentifier = "orders-db", Arn = $"arn:aws:rds:{second}:{acct}:db:orders-db", Region = second, Engine = "postgres", StorageEncrypted = true, KmsKeyId = $"arn:aws:kms:{second}:{acct}:key/{Key("k4")}", AutoMinorVersionUpgrade = true, MultiAz = true, DbSubnetGroupName = "private", SubnetIds = ["subnet-0a1", "subnet-0a2"], VpcSecurityGroupIds = ["sg-0db"], Tags = new Dictionary<string, string> { ["app"] = "orders" } },
                    new RdsInstance { DbInstanceIdentifier = "legacy-reporting", Arn = $"arn:aws:rds:{second}:{acct}:db:legacy-reporting", Region = second, Engine = "mysql", PubliclyAccessible = true },
                    new RdsInstance { DbInstanceIdentifier = "tracking-1", Arn = $"arn:aws:rds:{home}:{acct}:db:tracking-1", Region = home, Engine = "aurora-postgresql", DbClusterIdentifier = "tracking", StorageEncrypted = true },
                ],
                Clusters = [new RdsCluster { DbClusterIdentifier = "tracking", Arn = $"arn:aws:rds:{home}:{acct}:cluster:tracking", Region = home, Engine = "aurora-postgresql", StorageEncrypted = true }],
            },
            Efs = inv.Efs.FileSystems.Count > 0 ? inv.Efs : new EfsData
            {
                FileSystems =
                [
                    new EfsFileSystem { FileSystemId = "fs-" + Ids.Hex(acct + "efs1", 17), Arn = $"arn:aws:elasticfilesystem:{home}:{acct}:file-system/fs-{Ids.Hex(acct + "efs1", 17)}", Region = home, Name = "shared-home", Encrypted = true, KmsKeyId = $"arn:aws:kms:{home}:{acct}:key/{Key("k2")}" },
                    new EfsFileSystem { FileSystemId = "fs-" + Ids.Hex(acct + "efs2", 17), Arn = $"arn:aws:elasticfilesystem:{second}:{acct}:file-system/fs-{Ids.Hex(acct + "efs2", 17)}", Region = second, Name = "scratch", Encrypted = false },
                ],
            },
            SecretsManager = inv.SecretsManager.Secrets.Count > 0 ? inv.SecretsManager : new SecretsManagerData
            {
                Secrets =
                [
                    new Secret { Name = "prod/orders/db", Arn = $"arn:aws:secretsmanager:{second}:{acct}:secret:prod/orders/db-AbCdEf", Region = second, RotationEnabled = true, RotationIntervalDays = 30, CreatedDate = t.AddDays(-400), LastRotatedDate = t.AddDays(-12), LastAccessedDate = t.AddDays(-1), ResourcePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"ACCOUNT"}}}]}""".Replace("ACCOUNT", acct, StringComparison.Ordinal).Replace("REGION", home, StringComparison.Ordinal) },
                    new Secret { Name = "partner/api-key", Arn = $"arn:aws:secretsmanager:{second}:{acct}:secret:partner/api-key-GhIjKl", Region = second, CreatedDate = t.AddDays(-700), LastAccessedDate = t.AddDays(-200), Tags = new Dictionary<string, string> { ["owner"] = "integrations" } },
                ],
            },
            Lambda = inv.Lambda.Functions.Count > 0 ? inv.Lambda : new LambdaData
            {
                Functions =
                [
                    new LambdaFunction { FunctionName = "label-printer", FunctionArn = $"arn:aws:lambda:{second}:{acct}:function:label-printer", Region = second, Runtime = "python3.12", Role = $"arn:aws:iam::{acct}:role/label-printer-role", EnvironmentVariableNames = ["PRINTER_QUEUE", "API_TOKEN"] },
                    new LambdaFunction { FunctionName = "webhook-intake", FunctionArn = $"arn:aws:lambda:{home}:{acct}:function:webhook-intake", Region = home, Runtime = "nodejs20.x", Role = $"arn:aws:iam::{acct}:role/webhook-intake-role", Policy = """{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"public","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"arn:aws:lambda:REGION:ACCOUNT:function:webhook-intake","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}]}""".Replace("ACCOUNT", acct, StringComparison.Ordinal).Replace("REGION", home, StringComparison.Ordinal) },
                ],
            },
            Macie = inv.Macie.Regions.Count > 0 ? inv.Macie : new MacieData
            {
                Regions = new Dictionary<string, MacieRegion> { [home] = new MacieRegion("ENABLED", true, 2), [second] = new MacieRegion("DISABLED", false, 0) },
            },
        };
    }

    private static string LogGroupName(string arn) => arn.Split(':')[6];

    private static string RegionOf(string arn) => arn.Split(':')[3];
}
