using Dashboard.Core.Checks.CloudWatch;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Demo.DemoBuilder;

namespace Dashboard.Core.Demo;

/// <summary>
/// The monitoring, detection and network side of the demo accounts (AWS Config, CloudWatch alarms, GuardDuty, Security Hub,
/// KMS, Secrets Manager, VPCs, route tables, network ACLs, endpoints, peering, volumes), layered on top of each account's
/// base inventory so the two can be maintained apart.
/// <para>
/// Production monitors well: its multi-Region trail feeds a CloudWatch Logs group with every CIS alarm wired to a security
/// topic, though one stale filter lingers and the pager topic was never confirmed. It still drifts elsewhere: GuardDuty and
/// Security Hub were never turned on in the backup Region, Config records only chosen types in Frankfurt and nothing in
/// Sydney, two KMS keys do not rotate, a partner secret never rotates and the SMTP secret's rotation quietly broke, the
/// EDI subnet's network ACL lets SSH in from anywhere, and the data-lake peering routes the whole production VPC.
/// Development has none of the monitoring: no alarms, GuardDuty suspended (and hidden by an SCP in Ireland), a stopped
/// Config recorder, an S3 endpoint without its DynamoDB twin, and a Redis port opened to the internet for debugging.
/// </para>
/// </summary>
internal static class DemoMonitoringAndNetwork
{
    private const string UsEast1 = "us-east-1";
    private const string EuWest1 = "eu-west-1";
    private const string EuCentral1 = "eu-central-1";
    private const string ApSoutheast2 = "ap-southeast-2";
    private const string PartnerAccountId = "510987654324";

    // ---- production -------------------------------------------------------------------------------------------

    public static AccountInventory Prod(AccountInventory inventory, DateTimeOffset now)
    {
        var b = new DemoBuilder(inventory.AccountId, now);
        return inventory with
        {
            Iam = inventory.Iam with
            {
                InstanceProfiles =
                [
                    Profile(b, "bastion-ssm", "bastion-ssm"),
                    Profile(b, "route-optimizer-ec2", "route-optimizer-ec2"),
                ],
            },
            S3 = inventory.S3 with
            {
                Buckets = inventory.S3.Buckets
                    .Select(bucket => bucket.Name == "kelpline-cloudtrail-logs" ? bucket with { LoggingTargetBucket = "kelpline-prod-s3-access-logs" } : bucket)
                    .ToArray(),
            },
            CloudTrail = inventory.CloudTrail with
            {
                // The audit trail also records S3 object writes for every bucket (reads were judged too expensive).
                Trails = inventory.CloudTrail.Trails
                    .Select(t => t.Name == "kelpline-prod-audit"
                        ? t with { EventSelectors = [.. t.EventSelectors, new EventSelector("WriteOnly", false, [new DataResource("AWS::S3::Object", ["arn:aws:s3"])], [])] }
                        : t)
                    .ToArray(),
            },
            Ec2 = ProdNetwork(b, inventory.Ec2),
            Config = new ConfigData
            {
                Regions = new Dictionary<string, ConfigRegion>(StringComparer.Ordinal)
                {
                    [UsEast1] = new() { Recorders = [new ConfigurationRecorder("default", true, true, "ALL_SUPPORTED_RESOURCE_TYPES", true, "Success")], DeliveryChannelNames = ["default"] },
                    [EuWest1] = new() { Recorders = [new ConfigurationRecorder("default", true, false, "ALL_SUPPORTED_RESOURCE_TYPES", true, "Success")], DeliveryChannelNames = ["default"] },
                    [EuCentral1] = new()
                    {
                        Recorders = [new ConfigurationRecorder("edi-only", false, false, "INCLUSION_BY_RESOURCE_TYPES", true, "Success")],
                        DeliveryChannelNames = ["default"],
                    },
                    [ApSoutheast2] = new(),
                },
            },
            Monitoring = ProdMonitoring(b),
            GuardDuty = new GuardDutyData
            {
                DetectorsByRegion = new Dictionary<string, IReadOnlyList<GuardDutyDetector>>(StringComparer.Ordinal)
                {
                    [UsEast1] = [Detector(b, UsEast1, "ENABLED", runtime: true)],
                    [EuWest1] = [Detector(b, EuWest1, "ENABLED", runtime: true)],
                    [EuCentral1] = [Detector(b, EuCentral1, "ENABLED", runtime: false)],
                    [ApSoutheast2] = [],
                },
            },
            SecurityHub = new SecurityHubData
            {
                HubsByRegion = new Dictionary<string, SecurityHubHub?>(StringComparer.Ordinal)
                {
                    [UsEast1] = Hub(b, UsEast1, 700),
                    [EuWest1] = Hub(b, EuWest1, 700),
                    [EuCentral1] = Hub(b, EuCentral1, 410),
                    [ApSoutheast2] = null,
                },
            },
            Kms = new KmsData
            {
                Keys =
                [
                    Key(b, UsEast1, "cloudtrail", rotation: true, "CloudTrail log encryption", ("Environment", "production"), ("Project", "security"), ("ManagedBy", "terraform")),
                    Key(b, EuWest1, "invoices", rotation: true, "Invoice PDFs", ("Environment", "production"), ("Project", "invoicing"), ("ManagedBy", "terraform")),
                    Key(b, EuWest1, "datalake", rotation: false, "Data lake buckets", ("Environment", "production"), ("Project", "datalake"), ("ManagedBy", "terraform")),
                    Key(b, EuWest1, "terraform", rotation: false, "Terraform state", ("Environment", "production"), ("ManagedBy", "terraform")),
                    Key(b, ApSoutheast2, "backups", rotation: true, "Cross-Region backups", ("Environment", "production"), ("ManagedBy", "terraform")),
                    Key(b, EuCentral1, "edi-partner-byok", rotation: null, "EDI partner key, material imported from the partner's HSM", ("Environment", "production"), ("Project", "edi"))
                        with { Origin = "EXTERNAL" },
                    Key(b, EuCentral1, "old-ftp-mirror", rotation: false, "Legacy FTP mirror (scheduled for deletion)") with { KeyState = "PendingDeletion" },
                    Key(b, EuWest1, "aws/s3", rotation: true, "Default key that protects my S3 objects when no other key is defined") with { KeyManager = "AWS" },
                ],
            },
            SecretsManager = new SecretsManagerData
            {
                Secrets =
                [
                    Secret(b, EuWest1, "prod/shipment-api/db-credentials", rotation: true, interval: 30, lastRotatedDaysAgo: 12, createdDaysAgo: 690,
                        Tags(("Environment", "production"), ("Project", "shipment-api"), ("ManagedBy", "terraform"))),
                    Secret(b, EuWest1, "rds!db-7d2c41a0-8f3e-4b7a-9c55-2e1f0a6b3d90", rotation: true, interval: 7, lastRotatedDaysAgo: 3, createdDaysAgo: 400,
                        Tags(("aws:rds:primaryDBInstanceArn", $"arn:aws:rds:eu-west-1:{b.AccountId}:db:shipment-db"))) with { OwningService = "rds" },
                    Secret(b, EuCentral1, "prod/edi/partner-sftp-password", rotation: false, interval: null, lastRotatedDaysAgo: null, createdDaysAgo: 1460,
                        Tags(("Environment", "production"), ("Project", "edi"))),
                    Secret(b, UsEast1, "prod/invoice-mailer/smtp-credentials", rotation: true, interval: 90, lastRotatedDaysAgo: 211, createdDaysAgo: 1900,
                        Tags(("Environment", "production"), ("Project", "invoicing"), ("ManagedBy", "terraform"))),
                    Secret(b, ApSoutheast2, "prod/backup/restore-passphrase", rotation: false, interval: null, lastRotatedDaysAgo: null, createdDaysAgo: 610,
                        Tags(("Environment", "production"))),
                ],
            },
        };
    }

    private static Ec2Data ProdNetwork(DemoBuilder b, Ec2Data ec2)
    {
        var useMain = b.VpcId(UsEast1, "prod-main");
        var useDefault = b.VpcId(UsEast1, "default");
        var useLegacyCi = b.VpcId(UsEast1, "legacy-ci");
        var euwMain = b.VpcId(EuWest1, "prod-main");
        var euwDatalake = b.VpcId(EuWest1, "datalake");
        var eucMain = b.VpcId(EuCentral1, "prod-main");
        var apsBackup = b.VpcId(ApSoutheast2, "prod-backup");
        var tf = Tags(("Environment", "production"), ("Project", "platform"), ("ManagedBy", "terraform"));

        var pcxDatalake = Id(b, "pcx", "datalake");
        var pcxPartner = Id(b, "pcx", "edi-partner");
        var pcxLegacyCi = Id(b, "pcx", "legacy-ci");

        var useMainPrivate = Id(b, "rtb", "use1-main-private");
        var euwPrivateA = Id(b, "rtb", "euw1-main-private-a");
        var euwPrivateB = Id(b, "rtb", "euw1-main-private-b");

        Vpc[] vpcs =
        [
            new() { VpcId = useMain, Region = UsEast1, CidrBlock = "10.10.0.0/16", Tags = Tags(("Name", "prod-main"), ("Environment", "production"), ("Project", "platform"), ("ManagedBy", "terraform")) },
            new() { VpcId = useDefault, Region = UsEast1, CidrBlock = "172.31.0.0/16", IsDefault = true },
            new() { VpcId = useLegacyCi, Region = UsEast1, CidrBlock = "10.12.0.0/16", Tags = Tags(("Name", "legacy-ci"), ("ManagedBy", "manual")) },
            new() { VpcId = euwMain, Region = EuWest1, CidrBlock = "10.20.0.0/16", Tags = Tags(("Name", "prod-main"), ("Environment", "production"), ("Project", "shipment-api"), ("ManagedBy", "terraform")) },
            new() { VpcId = euwDatalake, Region = EuWest1, CidrBlock = "10.21.0.0/16", Tags = Tags(("Name", "datalake"), ("Environment", "production"), ("Project", "datalake"), ("ManagedBy", "terraform")) },
            new() { VpcId = eucMain, Region = EuCentral1, CidrBlock = "10.40.0.0/16", Tags = Tags(("Name", "prod-main"), ("Environment", "production"), ("ManagedBy", "manual")) },
            new() { VpcId = apsBackup, Region = ApSoutheast2, CidrBlock = "10.50.0.0/16", Tags = Tags(("Name", "prod-backup"), ("Environment", "production"), ("ManagedBy", "terraform")) },
        ];

        RouteTable[] routeTables =
        [
            PublicTable(b, UsEast1, useMain, "use1-main-public"),
            new() { RouteTableId = useMainPrivate, VpcId = useMain, Region = UsEast1, Routes = [Local("10.10.0.0/16"), Nat("0.0.0.0/0", b, "use1")] },
            PublicTable(b, UsEast1, useDefault, "use1-default-main") with { IsMain = true },
            new() { RouteTableId = Id(b, "rtb", "use1-legacy-ci-main"), VpcId = useLegacyCi, Region = UsEast1, IsMain = true, Routes = [Local("10.12.0.0/16")] },
            PublicTable(b, EuWest1, euwMain, "euw1-main-public"),
            new()
            {
                RouteTableId = euwPrivateA, VpcId = euwMain, Region = EuWest1,
                Routes = [Local("10.20.0.0/16"), Nat("0.0.0.0/0", b, "euw1"), new Route("10.21.0.0/16", null, null, pcxDatalake, null)],
            },
            new() { RouteTableId = euwPrivateB, VpcId = euwMain, Region = EuWest1, Routes = [Local("10.20.0.0/16"), Nat("0.0.0.0/0", b, "euw1")] },
            new()
            {
                RouteTableId = Id(b, "rtb", "euw1-datalake-private"), VpcId = euwDatalake, Region = EuWest1, IsMain = true,
                Routes = [Local("10.21.0.0/16"), new Route("10.20.8.0/24", null, null, pcxDatalake, null)],
            },
            PublicTable(b, EuCentral1, eucMain, "euc1-main-public"),
            new()
            {
                RouteTableId = Id(b, "rtb", "euc1-main-private"), VpcId = eucMain, Region = EuCentral1,
                Routes = [Local("10.40.0.0/16"), Nat("0.0.0.0/0", b, "euc1"), new Route("10.99.4.0/24", null, null, pcxPartner, null)],
            },
            new() { RouteTableId = Id(b, "rtb", "aps2-backup-main"), VpcId = apsBackup, Region = ApSoutheast2, IsMain = true, Routes = [Local("10.50.0.0/16")] },
        ];

        return ec2 with
        {
            // The Irish production VPC's default group was adopted by Terraform (aws_default_security_group) and emptied.
            SecurityGroups =
            [
                .. ec2.SecurityGroups.Select(g => g.GroupName == "default" && g.VpcId == euwMain ? g with { Ingress = [], Egress = [] } : g),
                b.DefaultSecurityGroup(UsEast1, useLegacyCi),
                b.DefaultSecurityGroup(EuWest1, euwDatalake),
            ],
            InstanceMetadataDefaultHttpTokens = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [UsEast1] = "required",
                [EuWest1] = "required",
                [EuCentral1] = null,
                [ApSoutheast2] = "optional",
            },
            Vpcs = vpcs,
            RouteTables = routeTables,
            NetworkAcls =
            [
                .. vpcs.Select(v => DefaultAcl(b, v)),
                new NetworkAcl
                {
                    NetworkAclId = Id(b, "acl", "euw1-private"), VpcId = euwMain, Region = EuWest1, SubnetIds = [Id(b, "subnet", "euw1-private-a"), Id(b, "subnet", "euw1-private-b")],
                    Entries =
                    [
                        new(50, "6", "deny", false, "0.0.0.0/0", null, 22, 22),
                        new(51, "6", "deny", false, "0.0.0.0/0", null, 3389, 3389),
                        new(52, "17", "deny", false, "0.0.0.0/0", null, 3389, 3389),
                        new(100, "-1", "allow", false, "10.0.0.0/8", null, null, null),
                        new(110, "6", "allow", false, "0.0.0.0/0", null, 443, 443),
                        new(120, "6", "allow", false, "0.0.0.0/0", null, 1024, 65535),
                        new(32767, "-1", "deny", false, "0.0.0.0/0", null, null, null),
                        new(100, "-1", "allow", true, "0.0.0.0/0", null, null, null),
                        new(32767, "-1", "deny", true, "0.0.0.0/0", null, null, null),
                    ],
                    Tags = tf,
                },
                new NetworkAcl
                {
                    NetworkAclId = Id(b, "acl", "euc1-edi-dmz"), VpcId = eucMain, Region = EuCentral1, SubnetIds = [Id(b, "subnet", "euc1-edi-dmz")],
                    Entries =
                    [
                        new(100, "6", "allow", false, "0.0.0.0/0", null, 22, 22),
                        new(110, "6", "allow", false, "0.0.0.0/0", null, 443, 443),
                        new(120, "6", "allow", false, "0.0.0.0/0", null, 32768, 65535),
                        new(32767, "-1", "deny", false, "0.0.0.0/0", null, null, null),
                        new(100, "-1", "allow", true, "0.0.0.0/0", null, null, null),
                        new(32767, "-1", "deny", true, "0.0.0.0/0", null, null, null),
                    ],
                    Tags = Tags(("Name", "edi-dmz"), ("ManagedBy", "manual")),
                },
            ],
            FlowLogs =
            [
                new FlowLog(Id(b, "fl", "use1-main"), UsEast1, useMain, "ACTIVE", "ALL"),
                new FlowLog(Id(b, "fl", "euw1-main"), EuWest1, euwMain, "ACTIVE", "REJECT"),
                new FlowLog(Id(b, "fl", "euw1-datalake"), EuWest1, euwDatalake, "ACTIVE", "ALL"),
                new FlowLog(Id(b, "fl", "aps2-backup"), ApSoutheast2, apsBackup, "ACTIVE", "ALL"),
            ],
            VpcEndpoints =
            [
                Gateway(b, UsEast1, useMain, "s3", [useMainPrivate], ScopedS3Policy),
                Gateway(b, EuWest1, euwMain, "s3", [euwPrivateA, euwPrivateB], ScopedS3Policy),
                Gateway(b, EuWest1, euwMain, "dynamodb", [euwPrivateA, euwPrivateB], null),
            ],
            VpcPeeringConnections =
            [
                new VpcPeeringConnection(pcxDatalake, EuWest1, euwMain, "10.20.0.0/16", euwDatalake, "10.21.0.0/16", "active"),
                new VpcPeeringConnection(pcxPartner, EuCentral1, eucMain, "10.40.0.0/16", $"vpc-0{DemoIds.Hex16(PartnerAccountId + "/edi")}", "10.99.0.0/16", "active"),
                new VpcPeeringConnection(pcxLegacyCi, UsEast1, useMain, "10.10.0.0/16", useLegacyCi, "10.12.0.0/16", "active"),
            ],
            Volumes =
            [
                Volume(b, UsEast1, "bastion-legacy-root", encrypted: false, Tags(("Environment", "production"), ("Project", "platform"), ("ManagedBy", "manual"))),
                Volume(b, UsEast1, "ci-runner-01-root", encrypted: true, Tags(("Environment", "production"), ("Project", "ci"), ("ManagedBy", "terraform"))),
                Volume(b, UsEast1, "ci-runner-02-root", encrypted: true, Tags(("Environment", "production"), ("Project", "ci"), ("ManagedBy", "terraform"))),
                Volume(b, EuWest1, "ecs-capacity-a-root", encrypted: true, Tags(("Environment", "production"), ("Project", "shipment-api"), ("ManagedBy", "terraform"))),
                Volume(b, EuWest1, "windows-jump-c", encrypted: false, Tags(("Environment", "production"), ("Project", "platform"))),
                Volume(b, EuWest1, "reporting-etl-scratch", encrypted: false, Tags(("Project", "reporting")), state: "available"),
                Volume(b, EuCentral1, "edi-sftp-data", encrypted: false, Tags(("Project", "edi"), ("ManagedBy", "manual"))),
                Volume(b, EuCentral1, "route-optimizer-01-root", encrypted: true, Tags(("Environment", "production"), ("Project", "route-optimizer"), ("ManagedBy", "terraform"))),
                Volume(b, ApSoutheast2, "restore-test", encrypted: true, Tags(("Purpose", "quarterly restore test"))),
            ],
        };
    }

    /// <summary>
    /// Every CIS v5 4.1-4.15 filter on the audit trail's log group, each with an alarm that notifies the security topic. One stale
    /// filter (the pre-v5 security group list, without ModifySecurityGroupRules) has no alarm, and the ops pager topic that
    /// the console-failure alarm also notifies was never confirmed.
    /// </summary>
    private static MonitoringData ProdMonitoring(DemoBuilder b)
    {
        var logGroup = $"arn:aws:logs:{UsEast1}:{b.AccountId}:log-group:aws-cloudtrail-logs-kelpline-prod:*";
        var security = $"arn:aws:sns:{UsEast1}:{b.AccountId}:kelpline-security-alerts";
        var pager = $"arn:aws:sns:{UsEast1}:{b.AccountId}:kelpline-ops-pager";
        const string Namespace = "CISBenchmark";

        (string Metric, FilterRequirement Requirement)[] controls =
        [
            ("UnauthorizedApiCalls", CloudWatchAlarmUnauthorizedApiCalls.Requirement),
            ("ConsoleSignInWithoutMfa", CloudWatchAlarmConsoleSignInWithoutMfa.Requirement),
            ("RootAccountUsage", CloudWatchAlarmRootUsage.Requirement),
            ("IamPolicyChanges", CloudWatchAlarmIamPolicyChanges.Requirement),
            ("CloudTrailChanges", CloudWatchAlarmCloudTrailChanges.Requirement),
            ("ConsoleSignInFailures", CloudWatchAlarmConsoleAuthFailures.Requirement),
            ("KmsKeyDisableOrDeletion", CloudWatchAlarmKmsKeyDisableOrDeletion.Requirement),
            ("S3BucketPolicyChanges", CloudWatchAlarmS3BucketPolicyChanges.Requirement),
            ("ConfigChanges", CloudWatchAlarmConfigChanges.Requirement),
            ("SecurityGroupChanges", CloudWatchAlarmSecurityGroupChanges.Requirement),
            ("NetworkAclChanges", CloudWatchAlarmNaclChanges.Requirement),
            ("NetworkGatewayChanges", CloudWatchAlarmNetworkGatewayChanges.Requirement),
            ("RouteTableChanges", CloudWatchAlarmRouteTableChanges.Requirement),
            ("VpcChanges", CloudWatchAlarmVpcChanges.Requirement),
            ("OrganizationsChanges", CloudWatchAlarmOrganizationsChanges.Requirement),
        ];

        var staleSecurityGroupPattern = "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || "
            + "($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || "
            + "($.eventName = DeleteSecurityGroup) }";
        MetricFilter[] filters =
        [
            .. controls.Select(c => new MetricFilter(c.Metric, "aws-cloudtrail-logs-kelpline-prod", c.Requirement.ToPattern(), [new MetricTransformation(c.Metric, Namespace)])),
            new MetricFilter("security-group-changes-2019", "aws-cloudtrail-logs-kelpline-prod", staleSecurityGroupPattern, [new MetricTransformation("SecurityGroupEventCount", "CloudTrailMetrics")]),
        ];

        MetricAlarm[] alarms =
        [
            .. controls.Select(c => new MetricAlarm($"cis-{c.Metric}", $"arn:aws:cloudwatch:{UsEast1}:{b.AccountId}:alarm:cis-{c.Metric}", c.Metric, Namespace,
                c.Metric == "ConsoleSignInFailures" ? [pager, security] : [security])),
            new MetricAlarm("shipment-api-alb-5xx", $"arn:aws:cloudwatch:{UsEast1}:{b.AccountId}:alarm:shipment-api-alb-5xx", "HTTPCode_ELB_5XX_Count", "AWS/ApplicationELB", [pager]),
        ];

        return new MonitoringData
        {
            MetricFiltersByLogGroupArn = new Dictionary<string, IReadOnlyList<MetricFilter>>(StringComparer.Ordinal) { [logGroup] = filters },
            AlarmsByRegion = new Dictionary<string, IReadOnlyList<MetricAlarm>>(StringComparer.Ordinal) { [UsEast1] = alarms },
            SubscriptionsByTopicArn = new Dictionary<string, IReadOnlyList<SnsSubscription>>(StringComparer.Ordinal)
            {
                [security] =
                [
                    new SnsSubscription($"{security}:{DemoIds.Uuid("security-email")}", "email", "secops@kelpline.example"),
                    new SnsSubscription("PendingConfirmation", "https", "https://chatops.kelpline.example/hooks/aws"),
                ],
                [pager] = [new SnsSubscription("PendingConfirmation", "email", "ops-oncall@kelpline.example")],
            },
        };
    }

    // ---- development ------------------------------------------------------------------------------------------

    public static AccountInventory Dev(AccountInventory inventory, DateTimeOffset now)
    {
        var b = new DemoBuilder(inventory.AccountId, now);
        var useDefault = b.VpcId(UsEast1, "default");
        var euwDev = b.VpcId(EuWest1, "dev");
        var euwPrivate = Id(b, "rtb", "euw1-dev-private");
        var scannerSession = $"arn:aws:sts::{inventory.AccountId}:assumed-role/kelpline-posture-scanner/posture-dashboard-scan";
        var dev = Tags(("Environment", "development"), ("ManagedBy", "manual"));

        Vpc[] vpcs =
        [
            new() { VpcId = useDefault, Region = UsEast1, CidrBlock = "172.31.0.0/16", IsDefault = true },
            new() { VpcId = euwDev, Region = EuWest1, CidrBlock = "10.60.0.0/16", Tags = Tags(("Name", "dev"), ("Environment", "development"), ("Project", "platform"), ("ManagedBy", "terraform")) },
        ];

        return inventory with
        {
            Iam = inventory.Iam with { InstanceProfiles = [Profile(b, "dev-ec2-ssm", "dev-ec2-ssm")] },
            CloudTrail = inventory.CloudTrail with
            {
                Trails =
                [
                    .. inventory.CloudTrail.Trails,

                    // Added for a data-lake audit: records who reads sample data, nothing else.
                    new Trail
                    {
                        Name = "kelpline-dev-s3-read-audit",
                        Arn = $"arn:aws:cloudtrail:{UsEast1}:{inventory.AccountId}:trail/kelpline-dev-s3-read-audit",
                        HomeRegion = UsEast1,
                        IsMultiRegionTrail = true,
                        LogFileValidationEnabled = true,
                        S3BucketName = "kelpline-dev-cloudtrail",
                        IsLogging = true,
                        AdvancedEventSelectors =
                        [
                            new AdvancedEventSelector("S3 object reads in every bucket",
                            [
                                new AdvancedFieldSelector("eventCategory", ["Data"], [], [], []),
                                new AdvancedFieldSelector("resources.type", ["AWS::S3::Object"], [], [], []),
                                new AdvancedFieldSelector("readOnly", ["true"], [], [], []),
                            ]),
                        ],
                    },
                ],
            },
            Ec2 = inventory.Ec2 with
            {
                SecurityGroups =
                [
                    .. inventory.Ec2.SecurityGroups,
                    b.SecurityGroup(EuWest1, euwDev, "redis-debug", "TEMP: Redis from home while debugging the cache",
                        [Rules.Tcp(6379, "0.0.0.0/0")], Tags(("Environment", "development"), ("CreatedBy", "tomas.berglund"))),
                    b.SecurityGroup(EuWest1, euwDev, "fileshare-test", "SMB test share for the Windows box",
                        [Rules.Tcp(445, "0.0.0.0/0", "::/0")], dev),
                ],
                InstanceMetadataDefaultHttpTokens = new Dictionary<string, string?>(StringComparer.Ordinal) { [UsEast1] = null, [EuWest1] = null },
                Vpcs = vpcs,
                RouteTables =
                [
                    PublicTable(b, UsEast1, useDefault, "use1-default-main") with { IsMain = true },
                    PublicTable(b, EuWest1, euwDev, "euw1-dev-public"),
                    new() { RouteTableId = euwPrivate, VpcId = euwDev, Region = EuWest1, Routes = [Local("10.60.0.0/16"), Nat("0.0.0.0/0", b, "euw1-dev")] },
                ],
                NetworkAcls = [.. vpcs.Select(v => DefaultAcl(b, v))],
                VpcEndpoints = [Gateway(b, EuWest1, euwDev, "s3", [euwPrivate], null)],
                Volumes =
                [
                    Volume(b, UsEast1, "preview-web-01-root", encrypted: false, Tags(("Environment", "development"), ("Project", "tracking-web"), ("ManagedBy", "terraform"))),
                    Volume(b, UsEast1, "gpu-experiment-data", encrypted: false, dev, state: "available"),
                    Volume(b, EuWest1, "dev-ecs-capacity-a-root", encrypted: true, Tags(("Environment", "development"), ("Project", "shipment-api"), ("ManagedBy", "terraform"))),
                ],
            },
            Config = new ConfigData
            {
                Regions = new Dictionary<string, ConfigRegion>(StringComparer.Ordinal)
                {
                    [UsEast1] = new() { Recorders = [new ConfigurationRecorder("default", true, true, null, false, "Success")], DeliveryChannelNames = ["default"] },
                    [EuWest1] = new(),
                },
            },
            GuardDuty = new GuardDutyData
            {
                // eu-west-1 is missing: an SCP hides GuardDuty there from the scanner (see the errors).
                DetectorsByRegion = new Dictionary<string, IReadOnlyList<GuardDutyDetector>>(StringComparer.Ordinal)
                {
                    [UsEast1] = [Detector(b, UsEast1, "DISABLED", runtime: false)],
                },
            },
            SecurityHub = new SecurityHubData
            {
                HubsByRegion = new Dictionary<string, SecurityHubHub?>(StringComparer.Ordinal) { [UsEast1] = null, [EuWest1] = null },
            },
            Kms = new KmsData
            {
                Keys =
                [
                    Key(b, EuWest1, "artifacts", rotation: false, "Build artifacts", ("Environment", "development"), ("ManagedBy", "terraform")),
                    Key(b, EuWest1, "datalake-sample", rotation: true, "Data lake sample data", ("Environment", "development"), ("Project", "datalake"), ("ManagedBy", "terraform")),
                    Key(b, EuWest1, "terraform", rotation: false, "Terraform state", ("Environment", "development"), ("ManagedBy", "terraform")),
                ],
            },
            SecretsManager = new SecretsManagerData
            {
                Secrets =
                [
                    Secret(b, EuWest1, "dev/shared/third-party-api-keys", rotation: false, interval: null, lastRotatedDaysAgo: null, createdDaysAgo: 980,
                        Tags(("Environment", "development"))),
                    Secret(b, EuWest1, "dev/shipment-api/db-credentials", rotation: true, interval: 30, lastRotatedDaysAgo: 20, createdDaysAgo: 300,
                        Tags(("Environment", "development"), ("Project", "shipment-api"), ("ManagedBy", "terraform"))),
                ],
            },
            Errors =
            [
                .. inventory.Errors,
                new CollectionError("guardduty", EuWest1, "ListDetectors", "AccessDeniedException",
                    $"User: {scannerSession} is not authorized to perform: guardduty:ListDetectors with an explicit deny in a service control policy"),
            ],
        };
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private const string ScopedS3Policy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "OwnBucketsOnly",
              "Effect": "Allow",
              "Principal": "*",
              "Action": "s3:*",
              "Resource": [
                "arn:aws:s3:::kelpline-*",
                "arn:aws:s3:::kelpline-*/*"
              ]
            }
          ]
        }
        """;

    private static string Id(DemoBuilder b, string prefix, string seed) => $"{prefix}-0{DemoIds.Hex16($"{b.AccountId}/{prefix}/{seed}")}";

    private static Route Local(string cidr) => new(cidr, null, "local", null, null);

    private static Route Nat(string cidr, DemoBuilder b, string seed) => new(cidr, null, null, null, Id(b, "nat", seed));

    private static RouteTable PublicTable(DemoBuilder b, string region, string vpcId, string seed) => new()
    {
        RouteTableId = Id(b, "rtb", seed),
        VpcId = vpcId,
        Region = region,
        Routes = [new Route("0.0.0.0/0", null, Id(b, "igw", vpcId), null, null)],
    };

    /// <summary>The network ACL AWS creates with a VPC: everything in and out, in rule 100.</summary>
    private static NetworkAcl DefaultAcl(DemoBuilder b, Vpc vpc) => new()
    {
        NetworkAclId = Id(b, "acl", vpc.VpcId),
        VpcId = vpc.VpcId,
        Region = vpc.Region,
        IsDefault = true,
        Entries =
        [
            new(100, "-1", "allow", false, "0.0.0.0/0", null, null, null),
            new(32767, "-1", "deny", false, "0.0.0.0/0", null, null, null),
            new(100, "-1", "allow", true, "0.0.0.0/0", null, null, null),
            new(32767, "-1", "deny", true, "0.0.0.0/0", null, null, null),
        ],
    };

    private static VpcEndpoint Gateway(DemoBuilder b, string region, string vpcId, string service, IReadOnlyList<string> routeTables, string? policy) =>
        new(Id(b, "vpce", $"{vpcId}/{service}"), region, vpcId, $"com.amazonaws.{region}.{service}", "Gateway", "available", routeTables,
            policy ?? """{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""");

    private static EbsVolume Volume(DemoBuilder b, string region, string name, bool encrypted, IReadOnlyDictionary<string, string> tags, string state = "in-use") =>
        new(Id(b, "vol", $"{region}/{name}"), region, encrypted, state, new Dictionary<string, string>(tags, StringComparer.Ordinal) { ["Name"] = name });

    private static InstanceProfile Profile(DemoBuilder b, string name, string role) =>
        new(name, $"arn:aws:iam::{b.AccountId}:instance-profile/{name}", [role]);

    private static GuardDutyDetector Detector(DemoBuilder b, string region, string status, bool runtime) =>
        new(DemoIds.Hex16($"{b.AccountId}/{region}/guardduty") + DemoIds.Hex16($"{region}/detector"), status,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["CLOUD_TRAIL"] = status,
                ["DNS_LOGS"] = status,
                ["FLOW_LOGS"] = status,
                ["S3_DATA_EVENTS"] = status,
                ["RUNTIME_MONITORING"] = runtime ? "ENABLED" : "DISABLED",
            });

    private static SecurityHubHub Hub(DemoBuilder b, string region, int subscribedDaysAgo) =>
        new($"arn:aws:securityhub:{region}:{b.AccountId}:hub/default", b.Ago(subscribedDaysAgo, 4, 20),
            [$"arn:aws:securityhub:{region}::standards/aws-foundational-security-best-practices/v/1.0.0", $"arn:aws:securityhub:{region}::standards/cis-aws-foundations-benchmark/v/5.0.0"]);

    private static KmsKey Key(DemoBuilder b, string region, string alias, bool? rotation, string description, params (string Key, string Value)[] tags)
    {
        var arn = b.KmsKeyArn(region, alias);
        return new KmsKey
        {
            KeyId = arn[(arn.LastIndexOf('/') + 1)..],
            Arn = arn,
            Region = region,
            Description = description,
            KeyRotationEnabled = rotation,
            Policy = $$"""
                {
                  "Version": "2012-10-17",
                  "Id": "key-default-1",
                  "Statement": [
                    {
                      "Sid": "Enable IAM User Permissions",
                      "Effect": "Allow",
                      "Principal": {
                        "AWS": "arn:aws:iam::{{b.AccountId}}:root"
                      },
                      "Action": "kms:*",
                      "Resource": "*"
                    }
                  ]
                }
                """,
            Tags = Tags(tags),
        };
    }

    private static Secret Secret(DemoBuilder b, string region, string name, bool rotation, int? interval, int? lastRotatedDaysAgo, int createdDaysAgo,
        IReadOnlyDictionary<string, string> tags) => new()
        {
            Name = name,
            Arn = $"arn:aws:secretsmanager:{region}:{b.AccountId}:secret:{name}-{DemoIds.Hex16(name)[..6]}",
            Region = region,
            RotationEnabled = rotation,
            RotationIntervalDays = interval,
            CreatedDate = b.Ago(createdDaysAgo, 8, 30),
            LastRotatedDate = lastRotatedDaysAgo is { } days ? b.Ago(days, 2, 5) : null,
            LastAccessedDate = b.Ago(1),
            Tags = tags,
        };
}
