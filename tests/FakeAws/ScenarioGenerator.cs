using Dashboard.Core.Demo;
using Dashboard.Core.Inventory;
using FakeAws.Wire;

namespace FakeAws;

/// <summary>Parameters of a generated large account (benchmarks, pagination and load tests).</summary>
public sealed record LargeAccountSpec
{
    public string AccountId { get; init; } = "500000000001";
    public IReadOnlyList<string> Regions { get; init; } = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];
    public int Users { get; init; } = 200;
    public int Roles { get; init; } = 1000;
    public int Policies { get; init; } = 300;
    public int Buckets { get; init; } = 200;
    public int SecurityGroupsPerRegion { get; init; } = 250;
    public int InstancesPerRegion { get; init; } = 250;
    public int LogGroupsPerRegion { get; init; } = 50;
    public int KeysPerRegion { get; init; } = 20;
}

/// <summary>Builds scenarios: the demo organisation (with keys and roles) and large synthetic accounts.</summary>
public static class ScenarioGenerator
{
    public const string DemoExternalId = "kelpline-posture-scanner";

    /// <summary>The scan time the shipped demo scenario (Scenarios/demo.json) is generated for.</summary>
    public static readonly DateTimeOffset DemoTime = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The access key id of a demo account: AKIAFAKE + the account id.</summary>
    public static string DemoAccessKeyId(string accountId) => "AKIAFAKE" + accountId;

    public static string DemoSecret(string accountId) => "fake-secret-" + accountId;

    public static string ScannerRoleArn(string accountId) => $"arn:aws:iam::{accountId}:role/PostureScanner";

    /// <summary>The demo organisation as a scenario: one access key per account plus a PostureScanner role (external id required).</summary>
    public static Scenario Demo(DateTimeOffset now)
    {
        var inventories = DemoOrganization.Create(now);
        var ids = inventories.Select(i => i.AccountId).ToArray();
        return new Scenario
        {
            Accounts = inventories.Select(i => ToAccount(ScenarioSamples.Fill(i, DemoOrganization.ManagementAccountId, ids))).ToArray(),
        };
    }

    public static ScenarioAccount ToAccount(AccountInventory inventory) => new()
    {
        AccessKeyId = DemoAccessKeyId(inventory.AccountId),
        SecretAccessKey = DemoSecret(inventory.AccountId),
        AssumableRoles = [new AssumableRole(ScannerRoleArn(inventory.AccountId), DemoExternalId)],
        Inventory = inventory with { Errors = [] },
    };

    /// <summary>The 12-digit id of the fleet account at <paramref name="index"/> (0-based): 600000000001, 600000000002, ...</summary>
    public static string FleetAccountId(int index) => (600_000_000_001L + index).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Many small accounts for multi-account scans (scale-out tests and benchmarks): each has its own access key and the
    /// PostureScanner role (external id <see cref="DemoExternalId"/>), two regions, and a size that varies with its
    /// index, so that results mixed up between accounts would show. Deterministic for given arguments.
    /// </summary>
    public static Scenario Fleet(int accounts, DateTimeOffset now) => new()
    {
        Accounts = Enumerable.Range(0, accounts).Select(i => ToAccount(LargeInventory(new LargeAccountSpec
        {
            AccountId = FleetAccountId(i),
            Regions = ["us-east-1", "eu-west-1"],
            Users = 2 + (i % 5),
            Roles = 4 + (i % 7),
            Policies = 2 + (i % 3),
            Buckets = 1 + (i % 4),
            SecurityGroupsPerRegion = 2 + (i % 3),
            InstancesPerRegion = 1 + (i % 3),
            LogGroupsPerRegion = 2,
            KeysPerRegion = 1 + (i % 2),
        }, now))).ToArray(),
    };

    /// <summary>A large synthetic account: deterministic for given parameters and <paramref name="now"/>.</summary>
    public static Scenario Large(LargeAccountSpec spec, DateTimeOffset now) => new() { Accounts = [ToAccount(LargeInventory(spec, now))] };

    public static AccountInventory LargeInventory(LargeAccountSpec spec, DateTimeOffset now)
    {
        var acct = spec.AccountId;
        const string Allow = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}""";
        const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        var policies = Enumerable.Range(0, spec.Policies).Select(i => new IamManagedPolicy
        {
            PolicyName = $"app-policy-{i:D4}",
            Arn = $"arn:aws:iam::{acct}:policy/app-policy-{i:D4}",
            AttachmentCount = 1,
            DefaultVersionId = "v2",
            DefaultVersionDocument = Allow,
            Versions = [new IamPolicyVersion("v1", false, Allow.Replace("s3:ListBucket", "s3:*", StringComparison.Ordinal), now.AddDays(-300)), new IamPolicyVersion("v2", true, Allow, now.AddDays(-100))],
        }).ToArray();
        var users = Enumerable.Range(0, spec.Users).Select(i => new IamUser
        {
            UserName = $"user-{i:D5}",
            Arn = $"arn:aws:iam::{acct}:user/user-{i:D5}",
            CreateDate = now.AddDays(-500 + (i % 400)),
            AttachedManagedPolicies = policies.Length == 0 ? [] : [new AttachedPolicy(policies[i % policies.Length].PolicyName, policies[i % policies.Length].Arn)],
        }).ToArray();
        var roles = Enumerable.Range(0, spec.Roles).Select(i => new IamRole
        {
            RoleName = $"role-{i:D5}",
            Arn = $"arn:aws:iam::{acct}:role/role-{i:D5}",
            CreateDate = now.AddDays(-600 + (i % 500)),
            AssumeRolePolicyDocument = Trust,
            InlinePolicies = [new InlinePolicy("inline", Allow)],
            AttachedManagedPolicies = policies.Length == 0 ? [] : [new AttachedPolicy(policies[(i * 7) % policies.Length].PolicyName, policies[(i * 7) % policies.Length].Arn)],
            LastUsedDate = i % 3 == 0 ? null : now.AddDays(-(i % 120)),
            LastUsedRegion = i % 3 == 0 ? null : spec.Regions[i % spec.Regions.Count],
        }).ToArray();
        var report = new List<CredentialReportRow> { new() { User = CredentialReportRow.RootUserName, Arn = $"arn:aws:iam::{acct}:root", MfaActive = true } };
        report.AddRange(users.Select((u, i) => new CredentialReportRow
        {
            User = u.UserName,
            Arn = u.Arn,
            UserCreationTime = u.CreateDate,
            PasswordEnabled = i % 2 == 0,
            PasswordLastChanged = i % 2 == 0 ? now.AddDays(-(i % 200)) : null,
            MfaActive = i % 4 != 1,
            AccessKey1Active = i % 3 == 0,
            AccessKey1LastRotated = i % 3 == 0 ? now.AddDays(-(i % 180)) : null,
        }));

        var regional = spec.Regions.SelectMany((region, r) => new[] { (region, r) }).ToArray();
        var vpcs = regional.Select(x => new Vpc { VpcId = "vpc-" + Ids.Hex(x.region, 17), Region = x.region, CidrBlock = $"10.{x.r}.0.0/16", IsDefault = true }).ToArray();
        var groups = regional.SelectMany(x => Enumerable.Range(0, spec.SecurityGroupsPerRegion).Select(i => new SecurityGroup
        {
            GroupId = "sg-" + Ids.Hex($"{x.region}/{i}", 17),
            GroupName = i == 0 ? "default" : $"sg-{i:D4}",
            Region = x.region,
            VpcId = vpcs[x.r].VpcId,
            Description = "generated",
            Ingress = [new IpPermission("tcp", 443, 443, i % 10 == 0 ? ["0.0.0.0/0"] : ["10.0.0.0/8"], [], [], []), new IpPermission("tcp", 22, 22, i % 25 == 0 ? ["0.0.0.0/0"] : ["10.1.0.0/16"], [], [], [])],
            Egress = [new IpPermission("-1", null, null, ["0.0.0.0/0"], [], [], [])],
        })).ToArray();
        var instances = regional.SelectMany(x => Enumerable.Range(0, spec.InstancesPerRegion).Select(i => new Ec2Instance
        {
            InstanceId = "i-" + Ids.Hex($"{x.region}/i/{i}", 17),
            Region = x.region,
            State = i % 10 == 9 ? "stopped" : "running",
            InstanceType = "t3.small",
            VpcId = vpcs[x.r].VpcId,
            SecurityGroupIds = [groups[(x.r * spec.SecurityGroupsPerRegion) + (i % Math.Max(1, spec.SecurityGroupsPerRegion))].GroupId],
            LaunchTime = now.AddDays(-(i % 90)),
            MetadataOptions = new InstanceMetadataOptions(i % 2 == 0 ? "required" : "optional", "enabled", "applied"),
        })).Where(_ => spec.SecurityGroupsPerRegion > 0).ToArray();
        var buckets = Enumerable.Range(0, spec.Buckets).Select(i => new S3Bucket
        {
            Name = $"gen-{acct}-bucket-{i:D4}",
            Region = spec.Regions[i % spec.Regions.Count],
            CreationDate = now.AddDays(-(i % 700)),
            PublicAccessBlock = i % 5 == 0 ? null : PublicAccessBlock.AllOn,
            Encryption = new BucketEncryption(i % 2 == 0 ? "AES256" : "aws:kms"),
            VersioningStatus = i % 3 == 0 ? "Enabled" : null,
            Policy = i % 4 == 0 ? DenyInsecure($"gen-{acct}-bucket-{i:D4}") : null,
            PolicyIsPublic = i % 4 == 0 ? false : null,
            ObjectOwnership = "BucketOwnerEnforced",
            Tags = i % 2 == 0 ? new Dictionary<string, string> { ["team"] = "t" + (i % 7) } : new Dictionary<string, string>(),
        }).ToArray();
        var home = spec.Regions[0];
        var logGroupArn = $"arn:aws:logs:{home}:{acct}:log-group:cloudtrail-logs:*";
        return new AccountInventory
        {
            AccountId = acct,
            CollectedAt = now,
            Regions = spec.Regions,
            Iam = new IamData
            {
                Users = users,
                Roles = roles,
                Policies = policies,
                CredentialReport = report,
                PasswordPolicy = new PasswordPolicy { MinimumPasswordLength = 14, RequireSymbols = true, RequireNumbers = true, RequireLowercaseCharacters = true, RequireUppercaseCharacters = true, PasswordReusePrevention = 24 },
            },
            S3 = new S3Data { AccountPublicAccessBlock = PublicAccessBlock.AllOn, Buckets = buckets },
            Ec2 = new Ec2Data
            {
                Vpcs = vpcs,
                SecurityGroups = groups,
                Instances = instances,
                EbsEncryptionByDefault = spec.Regions.ToDictionary(r => r, r => r != home),
            },
            CloudTrail = new CloudTrailData
            {
                Trails = [new Trail
                {
                    Name = "org-trail", Arn = $"arn:aws:cloudtrail:{home}:{acct}:trail/org-trail", HomeRegion = home, IsMultiRegionTrail = true,
                    LogFileValidationEnabled = true, S3BucketName = buckets.FirstOrDefault()?.Name, CloudWatchLogsLogGroupArn = logGroupArn, IsLogging = true,
                    EventSelectors = [new EventSelector("All", true, [], [])],
                }],
            },
            Monitoring = new MonitoringData
            {
                MetricFiltersByLogGroupArn = new Dictionary<string, IReadOnlyList<MetricFilter>>
                {
                    [logGroupArn] = Enumerable.Range(0, spec.LogGroupsPerRegion).Select(i => new MetricFilter($"filter-{i:D3}", "cloudtrail-logs", "{ $.errorCode = \"AccessDenied\" }", [new MetricTransformation($"Metric{i:D3}", "CISBenchmark")])).ToArray(),
                },
            },
            Kms = new KmsData
            {
                Keys = regional.SelectMany(x => Enumerable.Range(0, spec.KeysPerRegion).Select(i =>
                {
                    var id = DemoKeyId($"{acct}/{x.region}/{i}");
                    return new KmsKey { KeyId = id, Arn = $"arn:aws:kms:{x.region}:{acct}:key/{id}", Region = x.region, KeyRotationEnabled = i % 2 == 0, KeyManager = i % 5 == 0 ? "AWS" : "CUSTOMER" };
                })).ToArray(),
            },
        };
    }

    private static string DenyInsecure(string bucket) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::"
        + bucket + "/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";

    private static string DemoKeyId(string seed)
    {
        var h = Ids.Hex(seed, 32);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..32]}";
    }
}
