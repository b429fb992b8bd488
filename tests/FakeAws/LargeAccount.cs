using Dashboard.Core.Inventory;
using FakeAws.Wire;

namespace FakeAws;

/// <summary>Parameters of a generated large account (benchmarks, pagination and load tests).</summary>
public sealed record LargeAccountSpec
{
    public string AccountId { get; init; } = "500000000001";

    /// <summary>The regions that hold the regional resources (security groups, instances, keys, functions, log groups).</summary>
    public IReadOnlyList<string> Regions { get; init; } = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];

    /// <summary>Every enabled region (each gets a default VPC and the regional security services); null means <see cref="Regions"/>.</summary>
    public IReadOnlyList<string>? EnabledRegions { get; init; }

    /// <summary>Opt-in regions that are not enabled (DescribeRegions lists them; calls there fail).</summary>
    public IReadOnlyList<string> DisabledRegions { get; init; } = [];

    /// <summary>Where the buckets are, round robin; null means <see cref="Regions"/>.</summary>
    public IReadOnlyList<string>? BucketRegions { get; init; }

    public int Users { get; init; } = 200;
    public int Groups { get; init; }
    public int Roles { get; init; } = 1000;

    /// <summary>Customer-managed policies, two versions each.</summary>
    public int Policies { get; init; } = 300;

    public int Buckets { get; init; } = 200;
    public int SecurityGroupsPerRegion { get; init; } = 250;
    public int InstancesPerRegion { get; init; } = 250;

    /// <summary>Metric filters on the trail's log group.</summary>
    public int MetricFilters { get; init; } = 50;

    /// <summary>Further CloudWatch log groups (no trail delivers to them), spread over <see cref="Regions"/>.</summary>
    public int LogGroups { get; init; }

    public int KeysPerRegion { get; init; } = 20;
    public int FunctionsPerRegion { get; init; }
    public int SecretsPerRegion { get; init; }

    /// <summary>Config, GuardDuty, Security Hub, Access Analyzer, Macie, alarms, contacts: set up as a well-run account would have them.</summary>
    public bool SecurityServices { get; init; }

    public IReadOnlyList<string> AllEnabledRegions => EnabledRegions ?? Regions;

    /// <summary>
    /// Issue 9's large account: 5,000 roles, 3,000 customer-managed policies, 1,000 users, 1,000 buckets in 6 regions,
    /// 17 enabled regions, 300 security groups and 500 instances in each of 3 of them, 300 log groups; plus what a real
    /// account of that size has around them (groups, inline policies, MFA devices, access keys, keys, functions, secrets).
    /// </summary>
    public static LargeAccountSpec Issue9 { get; } = new()
    {
        Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"],
        EnabledRegions =
        [
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1",
            "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        ],
        DisabledRegions = ["af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "eu-south-1", "me-south-1"],
        BucketRegions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1"],
        Users = 1000,
        Groups = 20,
        Roles = 5000,
        Policies = 3000,
        Buckets = 1000,
        SecurityGroupsPerRegion = 300,
        InstancesPerRegion = 500,
        MetricFilters = 14,
        LogGroups = 299,
        KeysPerRegion = 20,
        FunctionsPerRegion = 20,
        SecretsPerRegion = 10,
        SecurityServices = true,
    };

    /// <summary>Named presets for <c>--write-large FILE --preset NAME</c>.</summary>
    public static IReadOnlyDictionary<string, LargeAccountSpec> Presets { get; } = new Dictionary<string, LargeAccountSpec>(StringComparer.Ordinal)
    {
        ["issue9"] = Issue9,
    };
}

public static partial class ScenarioGenerator
{
    private const string Allow = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}""";
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private static readonly string[] AwsManagedPolicyNames = ["ReadOnlyAccess", "SecurityAudit", "AmazonS3ReadOnlyAccess", "CloudWatchLogsFullAccess", "AdministratorAccess"];

    /// <summary>A large synthetic account: deterministic for given parameters and <paramref name="now"/>.</summary>
    public static Scenario Large(LargeAccountSpec spec, DateTimeOffset now) =>
        new() { Accounts = [ToAccount(LargeInventory(spec, now)) with { EnabledRegions = spec.AllEnabledRegions, DisabledRegions = spec.DisabledRegions }] };

    public static AccountInventory LargeInventory(LargeAccountSpec spec, DateTimeOffset now)
    {
        var acct = spec.AccountId;
        var home = spec.Regions[0];
        var iam = LargeIam(spec, now);
        var ec2 = LargeEc2(spec, now);
        var bucketRegions = spec.BucketRegions ?? spec.Regions;
        var buckets = Enumerable.Range(0, spec.Buckets).Select(i => new S3Bucket
        {
            Name = $"gen-{acct}-bucket-{i:D4}",
            Region = bucketRegions[i % bucketRegions.Count],
            CreationDate = now.AddDays(-(i % 700)),
            PublicAccessBlock = i % 5 == 0 ? null : PublicAccessBlock.AllOn,
            Encryption = new BucketEncryption(i % 2 == 0 ? "AES256" : "aws:kms"),
            VersioningStatus = i % 3 == 0 ? "Enabled" : null,
            Policy = i % 4 == 0 ? DenyInsecure($"gen-{acct}-bucket-{i:D4}") : null,
            PolicyIsPublic = i % 4 == 0 ? false : null,
            LoggingTargetBucket = i % 6 == 0 ? $"gen-{acct}-bucket-0000" : null,
            ObjectOwnership = "BucketOwnerEnforced",
            Tags = i % 2 == 0 ? new Dictionary<string, string> { ["team"] = "t" + (i % 7) } : new Dictionary<string, string>(),
        }).ToArray();

        var logGroupArn = $"arn:aws:logs:{home}:{acct}:log-group:cloudtrail-logs:*";
        var topic = $"arn:aws:sns:{home}:{acct}:security-alarms";
        var trailFilters = Enumerable.Range(0, spec.MetricFilters)
            .Select(i => new MetricFilter($"filter-{i:D3}", "cloudtrail-logs", "{ $.errorCode = \"AccessDenied\" }", [new MetricTransformation($"Metric{i:D3}", "CISBenchmark")])).ToArray();
        var filters = new Dictionary<string, IReadOnlyList<MetricFilter>> { [logGroupArn] = trailFilters };
        for (var i = 0; i < spec.LogGroups; i++)
        {
            var region = spec.Regions[i % spec.Regions.Count];
            var name = $"/aws/lambda/app-{i:D3}";
            filters[$"arn:aws:logs:{region}:{acct}:log-group:{name}:*"] = i % 10 == 0
                ? [new MetricFilter($"errors-{i:D3}", name, "ERROR", [new MetricTransformation($"AppErrors{i:D3}", "Apps")])]
                : [];
        }

        var inventory = new AccountInventory
        {
            AccountId = acct,
            CollectedAt = now,
            Regions = spec.AllEnabledRegions,
            Iam = iam,
            S3 = new S3Data { AccountPublicAccessBlock = PublicAccessBlock.AllOn, Buckets = buckets },
            Ec2 = ec2,
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
                MetricFiltersByLogGroupArn = filters,
                AlarmsByRegion = !spec.SecurityServices ? new Dictionary<string, IReadOnlyList<MetricAlarm>>() : new Dictionary<string, IReadOnlyList<MetricAlarm>>
                {
                    [home] = trailFilters.Select(f => new MetricAlarm(f.FilterName, $"arn:aws:cloudwatch:{home}:{acct}:alarm:{f.FilterName}",
                        f.MetricTransformations[0].MetricName, f.MetricTransformations[0].MetricNamespace, [topic])).ToArray(),
                },
                SubscriptionsByTopicArn = !spec.SecurityServices ? new Dictionary<string, IReadOnlyList<SnsSubscription>>() : new Dictionary<string, IReadOnlyList<SnsSubscription>>
                {
                    [topic] = [new SnsSubscription(topic + ":" + DemoKeyId(acct + "sub"), "email", "security@example.com")],
                },
            },
            Kms = new KmsData
            {
                Keys = spec.Regions.SelectMany(region => Enumerable.Range(0, spec.KeysPerRegion).Select(i =>
                {
                    var id = DemoKeyId($"{acct}/{region}/{i}");
                    return new KmsKey
                    {
                        KeyId = id, Arn = $"arn:aws:kms:{region}:{acct}:key/{id}", Region = region, KeyRotationEnabled = i % 2 == 0, KeyManager = i % 5 == 0 ? "AWS" : "CUSTOMER",
                        Tags = i % 5 == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["app"] = "a" + (i % 4) },
                    };
                })).ToArray(),
            },
            Lambda = new LambdaData
            {
                Functions = spec.Regions.SelectMany(region => Enumerable.Range(0, spec.FunctionsPerRegion).Select(i => new LambdaFunction
                {
                    FunctionName = $"app-{i:D3}",
                    FunctionArn = $"arn:aws:lambda:{region}:{acct}:function:app-{i:D3}",
                    Region = region,
                    Runtime = i % 4 == 0 ? "python3.8" : "python3.12",
                    Role = $"arn:aws:iam::{acct}:role/role-{i:D5}",
                    Policy = i % 5 == 0 ? $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:{{region}}:{{acct}}:function:app-{{i:D3}}"}]}""" : null,
                    Tags = new Dictionary<string, string> { ["team"] = "t" + (i % 3) },
                })).ToArray(),
            },
            SecretsManager = new SecretsManagerData
            {
                Secrets = spec.Regions.SelectMany(region => Enumerable.Range(0, spec.SecretsPerRegion).Select(i => new Secret
                {
                    Name = $"app/{i:D3}/db",
                    Arn = $"arn:aws:secretsmanager:{region}:{acct}:secret:app/{i:D3}/db-{Ids.Hex(region + i, 6)}",
                    Region = region,
                    RotationEnabled = i % 2 == 0,
                    RotationIntervalDays = i % 2 == 0 ? 30 : null,
                    CreatedDate = now.AddDays(-300),
                    LastRotatedDate = i % 2 == 0 ? now.AddDays(-10) : null,
                    LastAccessedDate = now.AddDays(-(i % 120)),
                })).ToArray(),
            },
        };

        return spec.SecurityServices ? WithSecurityServices(inventory, spec) : inventory;
    }

    private static IamData LargeIam(LargeAccountSpec spec, DateTimeOffset now)
    {
        var acct = spec.AccountId;
        var customer = Enumerable.Range(0, spec.Policies).Select(i => new IamManagedPolicy
        {
            PolicyName = $"app-policy-{i:D4}",
            Arn = $"arn:aws:iam::{acct}:policy/app-policy-{i:D4}",
            DefaultVersionId = "v2",
            DefaultVersionDocument = Allow,
            Versions = [new IamPolicyVersion("v1", false, Allow.Replace("s3:ListBucket", "s3:*", StringComparison.Ordinal), now.AddDays(-300)), new IamPolicyVersion("v2", true, Allow, now.AddDays(-100))],
        }).ToArray();
        var awsManaged = spec.SecurityServices
            ? AwsManagedPolicyNames.Select(n => new IamManagedPolicy
            {
                PolicyName = n,
                Arn = $"arn:aws:iam::aws:policy/{n}",
                IsAwsManaged = true,
                DefaultVersionId = "v1",
                DefaultVersionDocument = n == "AdministratorAccess" ? """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""" : Allow,
            }).ToArray()
            : [];
        var attachments = new Dictionary<string, int>(StringComparer.Ordinal);
        AttachedPolicy Attach(IamManagedPolicy p)
        {
            attachments[p.Arn] = attachments.GetValueOrDefault(p.Arn) + 1;
            return new AttachedPolicy(p.PolicyName, p.Arn);
        }

        List<AttachedPolicy> AttachSome(int i, int seed, int count)
        {
            var list = new List<AttachedPolicy>();
            for (var k = 0; k < count && customer.Length > 0; k++)
            {
                list.Add(Attach(customer[((i * seed) + (k * 997)) % customer.Length]));
            }

            if (awsManaged.Length > 0 && i % 25 == 0)
            {
                list.Add(Attach(awsManaged[i / 25 % awsManaged.Length]));
            }

            return list;
        }

        var groups = Enumerable.Range(0, spec.Groups).Select(i => new IamGroup
        {
            GroupName = $"group-{i:D2}",
            Arn = $"arn:aws:iam::{acct}:group/group-{i:D2}",
            AttachedManagedPolicies = AttachSome(i, 13, 2),
            InlinePolicies = i % 4 == 0 ? [new InlinePolicy("group-inline", Allow)] : [],
        }).ToArray();
        var users = Enumerable.Range(0, spec.Users).Select(i => new IamUser
        {
            UserName = $"user-{i:D5}",
            Arn = $"arn:aws:iam::{acct}:user/user-{i:D5}",
            CreateDate = now.AddDays(-500 + (i % 400)),
            AttachedManagedPolicies = AttachSome(i, 1, i % 3 == 0 ? 1 : 0),
            InlinePolicies = i % 10 == 0 ? [new InlinePolicy("user-inline", Allow)] : [],
            GroupNames = groups.Length == 0 ? [] : [groups[i % groups.Length].GroupName],
        }).ToArray();
        var roles = Enumerable.Range(0, spec.Roles).Select(i => new IamRole
        {
            RoleName = $"role-{i:D5}",
            Arn = $"arn:aws:iam::{acct}:role/role-{i:D5}",
            CreateDate = now.AddDays(-600 + (i % 500)),
            AssumeRolePolicyDocument = Trust,
            InlinePolicies = (i % 3) switch
            {
                0 => [],
                1 => [new InlinePolicy("inline", Allow)],
                _ => [new InlinePolicy("inline", Allow), new InlinePolicy("inline-logs", Allow.Replace("s3:GetObject", "logs:PutLogEvents", StringComparison.Ordinal))],
            },
            AttachedManagedPolicies = AttachSome(i, 7, 1 + (i % 3)),
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
            PasswordLastUsed = i % 2 == 0 ? now.AddDays(-(i % 60)) : null,
            MfaActive = i % 4 != 1,
            AccessKey1Active = i % 3 == 0,
            AccessKey1LastRotated = i % 3 == 0 ? now.AddDays(-(i % 180)) : null,
            AccessKey1LastUsedDate = i % 3 == 0 ? now.AddDays(-(i % 30)) : null,
            AccessKey2Active = i % 30 == 0,
            AccessKey2LastRotated = i % 30 == 0 ? now.AddDays(-(i % 400)) : null,
        }));

        return new IamData
        {
            Users = users,
            Groups = groups,
            Roles = roles,
            Policies = [.. customer.Concat(awsManaged).Select(p => p with { AttachmentCount = attachments.GetValueOrDefault(p.Arn) })],
            CredentialReport = report,
            VirtualMfaDevices = spec.SecurityServices
                ? users.Where((_, i) => i % 4 != 1).Select(u => new VirtualMfaDevice($"arn:aws:iam::{acct}:mfa/{u.UserName}", u.Arn, now.AddDays(-100))).ToArray()
                : [],
            OidcProviders = spec.SecurityServices
                ? [new OidcProvider { Arn = $"arn:aws:iam::{acct}:oidc-provider/token.actions.githubusercontent.com", Url = "token.actions.githubusercontent.com", ClientIds = ["sts.amazonaws.com"] }]
                : [],
            SamlProviderArns = spec.SecurityServices ? [$"arn:aws:iam::{acct}:saml-provider/corporate-idp"] : [],
            PasswordPolicy = new PasswordPolicy { MinimumPasswordLength = 14, RequireSymbols = true, RequireNumbers = true, RequireLowercaseCharacters = true, RequireUppercaseCharacters = true, PasswordReusePrevention = 24 },
        };
    }

    private static Ec2Data LargeEc2(LargeAccountSpec spec, DateTimeOffset now)
    {
        var busy = spec.Regions.ToHashSet(StringComparer.Ordinal);
        var regions = spec.AllEnabledRegions.Concat(spec.Regions).Distinct(StringComparer.Ordinal).ToArray();
        var vpcs = new List<Vpc>();
        var subnets = new List<Subnet>();
        var acls = new List<NetworkAcl>();
        var routeTables = new List<RouteTable>();
        var flowLogs = new List<FlowLog>();
        var groups = new List<SecurityGroup>();
        var instances = new List<Ec2Instance>();
        var volumes = new List<EbsVolume>();
        foreach (var (region, r) in regions.Select((x, r) => (x, r)))
        {
            var vpc = new Vpc { VpcId = "vpc-" + Ids.Hex(region, 17), Region = region, CidrBlock = "172.31.0.0/16", IsDefault = true };
            vpcs.Add(vpc);
            var regionSubnets = Enumerable.Range(0, 3).Select(s => new Subnet("subnet-" + Ids.Hex($"{region}/s/{s}", 17), vpc.VpcId, region, $"172.31.{s * 16}.0/20", true)).ToArray();
            subnets.AddRange(regionSubnets);
            acls.Add(new NetworkAcl
            {
                NetworkAclId = "acl-" + Ids.Hex(region + "/acl", 17), VpcId = vpc.VpcId, Region = region, IsDefault = true,
                Entries = [new NetworkAclEntry(100, "-1", "allow", false, "0.0.0.0/0", null, null, null), new NetworkAclEntry(100, "-1", "allow", true, "0.0.0.0/0", null, null, null)],
                SubnetIds = regionSubnets.Select(s => s.SubnetId).ToArray(),
            });
            routeTables.Add(new RouteTable
            {
                RouteTableId = "rtb-" + Ids.Hex(region + "/rtb", 17), VpcId = vpc.VpcId, Region = region, IsMain = true,
                Routes = [new Dashboard.Core.Inventory.Route("172.31.0.0/16", null, "local", null, null), new Dashboard.Core.Inventory.Route("0.0.0.0/0", null, "igw-" + Ids.Hex(region + "/igw", 17), null, null)],
            });
            if (busy.Contains(region))
            {
                flowLogs.Add(new FlowLog("fl-" + Ids.Hex(region + "/fl", 17), region, vpc.VpcId, "ACTIVE", "ALL"));
            }

            var count = busy.Contains(region) ? Math.Max(1, spec.SecurityGroupsPerRegion) : 1;
            var regionGroups = Enumerable.Range(0, count).Select(i => new SecurityGroup
            {
                GroupId = "sg-" + Ids.Hex($"{region}/{i}", 17),
                GroupName = i == 0 ? "default" : $"sg-{i:D4}",
                Region = region,
                VpcId = vpc.VpcId,
                Description = i == 0 ? "default VPC security group" : "generated",
                Ingress = i == 0 ? [] : [new IpPermission("tcp", 443, 443, i % 10 == 0 ? ["0.0.0.0/0"] : ["10.0.0.0/8"], [], [], []), new IpPermission("tcp", 22, 22, i % 25 == 0 ? ["0.0.0.0/0"] : ["10.1.0.0/16"], [], [], [])],
                Egress = [new IpPermission("-1", null, null, ["0.0.0.0/0"], [], [], [])],
            }).ToArray();
            groups.AddRange(regionGroups);
            if (!busy.Contains(region) || spec.SecurityGroupsPerRegion == 0)
            {
                continue;
            }

            for (var i = 0; i < spec.InstancesPerRegion; i++)
            {
                var id = "i-" + Ids.Hex($"{region}/i/{i}", 17);
                instances.Add(new Ec2Instance
                {
                    InstanceId = id,
                    Region = region,
                    State = i % 10 == 9 ? "stopped" : "running",
                    InstanceType = "t3.small",
                    VpcId = vpc.VpcId,
                    SubnetId = regionSubnets[i % regionSubnets.Length].SubnetId,
                    PublicIpAddress = i % 20 == 0 ? $"203.0.{r}.{i % 250}" : null,
                    SecurityGroupIds = [regionGroups[i % regionGroups.Length].GroupId],
                    LaunchTime = now.AddDays(-(i % 90)),
                    MetadataOptions = new InstanceMetadataOptions(i % 2 == 0 ? "required" : "optional", "enabled", "applied"),
                });
                volumes.Add(new EbsVolume("vol-" + Ids.Hex($"{region}/v/{i}", 17), region, i % 7 != 0, "in-use", new Dictionary<string, string>()));
            }
        }

        return new Ec2Data
        {
            Vpcs = vpcs,
            Subnets = subnets,
            NetworkAcls = acls,
            RouteTables = routeTables,
            FlowLogs = flowLogs,
            SecurityGroups = groups,
            Instances = instances,
            Volumes = volumes,
            EbsEncryptionByDefault = regions.ToDictionary(r => r, r => r != spec.Regions[0]),
            InstanceMetadataDefaultHttpTokens = regions.ToDictionary(r => r, r => busy.Contains(r) ? "required" : (string?)null),
        };
    }

    private static AccountInventory WithSecurityServices(AccountInventory inventory, LargeAccountSpec spec)
    {
        var acct = spec.AccountId;
        var home = spec.Regions[0];
        var regions = spec.AllEnabledRegions;
        var busy = spec.Regions.ToHashSet(StringComparer.Ordinal);
        var t = inventory.CollectedAt;
        return inventory with
        {
            Account = new AccountSettingsData
            {
                ContactInformation = new ContactInformation("Cloud Team", "Example Corp", "+1 5550100", "US"),
                AlternateContacts = new Dictionary<string, AlternateContact> { ["SECURITY"] = new("SECURITY", "Security Operations", "security@example.com", "+1 5550101", "SOC") },
            },
            AccessAnalyzer = new AccessAnalyzerData
            {
                AnalyzersByRegion = regions.ToDictionary(r => r, r => (IReadOnlyList<Analyzer>)[new Analyzer("account-analyzer", $"arn:aws:access-analyzer:{r}:{acct}:analyzer/account-analyzer", "ACCOUNT", "ACTIVE")]),
            },
            Config = new ConfigData
            {
                Regions = regions.ToDictionary(r => r, r => new ConfigRegion
                {
                    Recorders = [new ConfigurationRecorder("default", true, r == home, "ALL_SUPPORTED_RESOURCE_TYPES", true, "Success")],
                    DeliveryChannelNames = ["default"],
                }),
            },
            GuardDuty = new GuardDutyData
            {
                DetectorsByRegion = regions.ToDictionary(r => r, r => (IReadOnlyList<GuardDutyDetector>)[new GuardDutyDetector(Ids.Hex(acct + r + "gd", 32), "ENABLED",
                    new Dictionary<string, string> { ["CLOUD_TRAIL"] = "ENABLED", ["S3_DATA_EVENTS"] = busy.Contains(r) ? "ENABLED" : "DISABLED" })]),
            },
            SecurityHub = new SecurityHubData
            {
                HubsByRegion = regions.ToDictionary(r => r, r => busy.Contains(r)
                    ? new SecurityHubHub($"arn:aws:securityhub:{r}:{acct}:hub/default", t.AddDays(-300), [$"arn:aws:securityhub:{r}::standards/cis-aws-foundations-benchmark/v/3.0.0"])
                    : null),
            },
            Macie = new MacieData
            {
                Regions = regions.ToDictionary(r => r, r => busy.Contains(r) ? new MacieRegion("ENABLED", true, 1) : new MacieRegion("DISABLED", false, 0)),
            },
            Rds = new RdsData
            {
                Instances = spec.Regions.SelectMany(r => Enumerable.Range(0, 5).Select(i => new RdsInstance
                {
                    DbInstanceIdentifier = $"db-{i}", Arn = $"arn:aws:rds:{r}:{acct}:db:db-{i}", Region = r, Engine = "postgres",
                    StorageEncrypted = i != 4, AutoMinorVersionUpgrade = true, MultiAz = i % 2 == 0,
                })).ToArray(),
            },
            Efs = new EfsData
            {
                FileSystems = spec.Regions.Select(r => new EfsFileSystem
                {
                    FileSystemId = "fs-" + Ids.Hex(acct + r, 17), Arn = $"arn:aws:elasticfilesystem:{r}:{acct}:file-system/fs-{Ids.Hex(acct + r, 17)}", Region = r, Name = "shared", Encrypted = true,
                }).ToArray(),
            },
        };
    }

    private static string DenyInsecure(string bucket) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::"
        + bucket + "/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
}
