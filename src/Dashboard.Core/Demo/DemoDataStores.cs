using Dashboard.Core.Inventory;
using static Dashboard.Core.Demo.DemoBuilder;

namespace Dashboard.Core.Demo;

/// <summary>
/// The demo organisation's account settings, Organizations view, Access Analyzer, Macie, RDS, EFS and the IAM extras
/// (server certificates, identity providers) that the account, data-store and Organizations checks read. Kept apart from
/// the per-account files so each area of the demo can grow on its own.
/// </summary>
internal static class DemoDataStores
{
    private const string UsEast1 = "us-east-1";
    private const string EuWest1 = "eu-west-1";
    private const string EuCentral1 = "eu-central-1";
    private const string ApSoutheast2 = "ap-southeast-2";

    private const string OrganizationId = "o-k3lp9l1n3x";
    private const string RootId = "r-k3lp";
    private const string SecurityOu = "ou-k3lp-5ecur1ty";
    private const string WorkloadsOu = "ou-k3lp-w0rkl0ad";
    private const string ProdOu = "ou-k3lp-pr0dw0rk";
    private const string NonProdOu = "ou-k3lp-n0npr0d1";
    private const string LegacyEdiAccountId = "510987654324";
    private const string PocAccountId = "610987654325";

    public const string AwsSupportAccess = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "support:*",
              "Resource": "*"
            }
          ]
        }
        """;

    public const string AwsCloudShellFullAccess = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "cloudshell:*",
              "Resource": "*"
            }
          ]
        }
        """;

    // ---- kelpline-prod --------------------------------------------------------------------------------------

    /// <summary>Primary contact is a team; a security contact is registered.</summary>
    public static AccountSettingsData ProdAccountSettings() => new()
    {
        ContactInformation = new ContactInformation("Kelpline Cloud Platform Team", DemoOrganization.CompanyName, "+47 55 50 01 00", "NO"),
        AlternateContacts = new Dictionary<string, AlternateContact>(StringComparer.Ordinal)
        {
            ["BILLING"] = new("BILLING", "Kelpline Finance", "aws-billing@kelpline.example", "+47 55 50 01 20", "Accounts Payable"),
            ["SECURITY"] = new("SECURITY", "Kelpline Security Operations", "security-ops@kelpline.example", "+47 55 50 01 99", "Security Operations"),
        },
    };

    /// <summary>
    /// Production is (by an old proof of concept) a delegated administrator, so it sees the organization's structure:
    /// only privileged root sessions are on, one OU and one legacy account lack guardrails, and policy management was
    /// delegated to this workload account.
    /// </summary>
    public static OrganizationData ProdOrganization() => new()
    {
        Id = OrganizationId,
        MasterAccountId = DemoOrganization.ManagementAccountId,
        FeatureSet = "ALL",
        StructureVisible = true,
        OrganizationalUnits =
        [
            new OrganizationalUnit(SecurityOu, "Security", RootId),
            new OrganizationalUnit(WorkloadsOu, "Workloads", RootId),
            new OrganizationalUnit(ProdOu, "Prod", WorkloadsOu),
            new OrganizationalUnit(NonProdOu, "NonProd", WorkloadsOu),
        ],
        Accounts =
        [
            new OrganizationAccount(DemoOrganization.ManagementAccountId, "Kelpline Management", "aws-root@kelpline.example", "ACTIVE", RootId),
            new OrganizationAccount(DemoOrganization.SecurityToolingAccountId, "Kelpline Security Tooling", "aws-security@kelpline.example", "ACTIVE", SecurityOu),
            new OrganizationAccount(DemoOrganization.ProdAccountId, DemoOrganization.AccountNames[DemoOrganization.ProdAccountId], "aws-prod@kelpline.example", "ACTIVE", ProdOu),
            new OrganizationAccount(DemoOrganization.DevAccountId, DemoOrganization.AccountNames[DemoOrganization.DevAccountId], "aws-dev@kelpline.example", "ACTIVE", NonProdOu),
            new OrganizationAccount(LegacyEdiAccountId, "Kelpline Legacy EDI", "edi-admin@kelpline.example", "ACTIVE", RootId),
            new OrganizationAccount(PocAccountId, "Kelpline Route PoC 2021", "route-poc@kelpline.example", "SUSPENDED", RootId),
        ],
        Policies =
        [
            new OrganizationPolicy("p-FullAWSAccess", "FullAWSAccess", "SERVICE_CONTROL_POLICY", true, [RootId], null),
            new OrganizationPolicy("p-RCPFullAWSAccess", "RCPFullAWSAccess", "RESOURCE_CONTROL_POLICY", true, [RootId], null),
            new OrganizationPolicy("p-k3lpbase1", "kelpline-baseline-guardrails", "SERVICE_CONTROL_POLICY", false, [WorkloadsOu], """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "DenyLeavingTheOrganization",
                      "Effect": "Deny",
                      "Action": "organizations:LeaveOrganization",
                      "Resource": "*"
                    },
                    {
                      "Sid": "DenyDisablingAuditTrail",
                      "Effect": "Deny",
                      "Action": [
                        "cloudtrail:StopLogging",
                        "cloudtrail:DeleteTrail",
                        "guardduty:DeleteDetector"
                      ],
                      "Resource": "*"
                    }
                  ]
                }
                """),
            new OrganizationPolicy("p-k3lpperim", "kelpline-data-perimeter", "RESOURCE_CONTROL_POLICY", false, [ProdOu], """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "DenyAccessFromOutsideTheOrganization",
                      "Effect": "Deny",
                      "Principal": "*",
                      "Action": [
                        "s3:*",
                        "kms:*"
                      ],
                      "Resource": "*",
                      "Condition": {
                        "StringNotEqualsIfExists": {
                          "aws:PrincipalOrgID": "o-k3lp9l1n3x"
                        },
                        "BoolIfExists": {
                          "aws:PrincipalIsAWSService": "false"
                        }
                      }
                    }
                  ]
                }
                """),
            new OrganizationPolicy("p-k3lptags", "kelpline-tagging", "TAG_POLICY", false, [RootId], null),
        ],
        DelegatedAdministrators =
        [
            new DelegatedAdministrator(DemoOrganization.SecurityToolingAccountId, ["guardduty.amazonaws.com", "securityhub.amazonaws.com"]),
            new DelegatedAdministrator(DemoOrganization.ProdAccountId, ["access-analyzer.amazonaws.com", "config.amazonaws.com"]),
        ],
        EnabledIamFeatures = ["RootSessions"],
        EnabledServicePrincipals =
        [
            "access-analyzer.amazonaws.com", "cloudtrail.amazonaws.com", "config.amazonaws.com", "guardduty.amazonaws.com",
            "securityhub.amazonaws.com", "sso.amazonaws.com", "tagpolicies.tag.amazonaws.com",
        ],
        ResourcePolicy = $$"""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "DelegatePolicyManagementToPlatformTeam",
                  "Effect": "Allow",
                  "Principal": {
                    "AWS": "arn:aws:iam::{{DemoOrganization.ProdAccountId}}:root"
                  },
                  "Action": [
                    "organizations:DescribeOrganization",
                    "organizations:ListAccounts",
                    "organizations:ListPolicies",
                    "organizations:DescribePolicy",
                    "organizations:CreatePolicy",
                    "organizations:UpdatePolicy",
                    "organizations:AttachPolicy",
                    "organizations:DetachPolicy"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """,
    };

    /// <summary>Organization analyzers in three regions; nobody created one in the backup region.</summary>
    public static AccessAnalyzerData ProdAccessAnalyzer(DemoBuilder b) => new()
    {
        AnalyzersByRegion = new Dictionary<string, IReadOnlyList<Analyzer>>(StringComparer.Ordinal)
        {
            [UsEast1] = [OrgAnalyzer(b, UsEast1)],
            [EuWest1] = [OrgAnalyzer(b, EuWest1), Analyzer(b, EuWest1, "kelpline-unused-access-90d", "ORGANIZATION_UNUSED_ACCESS")],
            [EuCentral1] = [OrgAnalyzer(b, EuCentral1)],
            [ApSoutheast2] = [],
        },
    };

    public static MacieData ProdMacie() => new()
    {
        Regions = new Dictionary<string, MacieRegion>(StringComparer.Ordinal)
        {
            [UsEast1] = new("DISABLED", false, 0),
            [EuWest1] = new("ENABLED", true, 0),
            [EuCentral1] = new("ENABLED", false, 1),
            [ApSoutheast2] = new("PAUSED", false, 0),
        },
    };

    public static RdsData ProdRds(DemoBuilder b)
    {
        var euwDb = b.SecurityGroupId(EuWest1, b.VpcId(EuWest1, "prod-main"), "shipment-db");
        var prod = Tags(("Environment", "production"), ("ManagedBy", "terraform"));
        return new RdsData
        {
            Instances =
            [
                Instance(b, EuWest1, "shipment-api-db", "postgres", prod) with
                {
                    StorageEncrypted = true, KmsKeyId = b.KmsKeyArn(EuWest1, "rds"), AutoMinorVersionUpgrade = true, MultiAz = true,
                    DbSubnetGroupName = "prod-private-db", VpcSecurityGroupIds = [euwDb],
                },
                Instance(b, EuWest1, "tracking-aurora-1", "aurora-postgresql", prod) with
                {
                    DbClusterIdentifier = "tracking-aurora", StorageEncrypted = true, KmsKeyId = b.KmsKeyArn(EuWest1, "rds"),
                    AutoMinorVersionUpgrade = true, DbSubnetGroupName = "prod-private-db", VpcSecurityGroupIds = [euwDb],
                },
                Instance(b, EuWest1, "tracking-aurora-2", "aurora-postgresql", prod) with
                {
                    DbClusterIdentifier = "tracking-aurora", StorageEncrypted = true, KmsKeyId = b.KmsKeyArn(EuWest1, "rds"),
                    AutoMinorVersionUpgrade = true, DbSubnetGroupName = "prod-private-db", VpcSecurityGroupIds = [euwDb],
                },
                Instance(b, EuCentral1, "edi-legacy-mysql", "mysql", Tags(("Environment", "production"), ("ManagedBy", "manual"), ("Owner", "integrations"))) with
                {
                    DbSubnetGroupName = "default",
                },
                Instance(b, UsEast1, "bi-reporting-replica", "postgres", Tags(("Environment", "production"), ("ManagedBy", "manual"), ("Note", "opened for the BI vendor"))) with
                {
                    StorageEncrypted = true, KmsKeyId = b.KmsKeyArn(UsEast1, "rds"), AutoMinorVersionUpgrade = true, PubliclyAccessible = true,
                    DbSubnetGroupName = "prod-public-bi",
                },
            ],
            Clusters =
            [
                new RdsCluster
                {
                    DbClusterIdentifier = "tracking-aurora",
                    Arn = $"arn:aws:rds:{EuWest1}:{b.AccountId}:cluster:tracking-aurora",
                    Region = EuWest1,
                    Engine = "aurora-postgresql",
                    StorageEncrypted = true,
                    MultiAz = true,
                    Tags = prod,
                },
            ],
        };
    }

    public static EfsData ProdEfs(DemoBuilder b) => new()
    {
        FileSystems =
        [
            FileSystem(b, EuWest1, "route-optimizer-shared", encrypted: true) with { KmsKeyId = b.KmsKeyArn(EuWest1, "efs") },
            FileSystem(b, EuCentral1, "edi-archive", encrypted: false),
        ],
    };

    public static IReadOnlyList<ServerCertificate> ProdServerCertificates(DemoBuilder b) =>
    [
        new("edi-partner-portal-2024", $"arn:aws:iam::{b.AccountId}:server-certificate/edi/edi-partner-portal-2024", b.Ago(318), b.Ago(683)),
        new("tracking-legacy-elb-2026", $"arn:aws:iam::{b.AccountId}:server-certificate/tracking-legacy-elb-2026", b.Ago(-140), b.Ago(225)),
    ];

    /// <summary>IAM Identity Center's SAML provider in a member account.</summary>
    public static IReadOnlyList<string> ProdSamlProviders(DemoBuilder b) =>
        [$"arn:aws:iam::{b.AccountId}:saml-provider/AWSSSO_5f2c8e1a9b7d4c30_DO_NOT_DELETE"];

    /// <summary>The organization denies the scanner RDS in the backup region, like EC2.</summary>
    public static IReadOnlyList<CollectionError> ProdErrors(string scannerSession) =>
    [
        new CollectionError("rds", ApSoutheast2, "DescribeDBInstances", "AccessDenied",
            $"User: {scannerSession} is not authorized to perform: rds:DescribeDBInstances with an explicit deny in a service control policy"),
    ];

    // ---- kelpline-dev ---------------------------------------------------------------------------------------

    /// <summary>The primary contact is the engineer who opened the account years ago; no security contact.</summary>
    public static AccountSettingsData DevAccountSettings() => new()
    {
        ContactInformation = new ContactInformation("Henrik Solberg", DemoOrganization.CompanyName, "+47 555 01 234", "NO"),
        AlternateContacts = new Dictionary<string, AlternateContact>(StringComparer.Ordinal)
        {
            ["BILLING"] = new("BILLING", "Kelpline Finance", "aws-billing@kelpline.example", "+47 55 50 01 20", null),
        },
    };

    /// <summary>A plain member account: it cannot read the organization's structure.</summary>
    public static OrganizationData DevOrganization() => new()
    {
        Id = OrganizationId,
        MasterAccountId = DemoOrganization.ManagementAccountId,
        FeatureSet = "ALL",
        StructureVisible = false,
    };

    public static AccessAnalyzerData DevAccessAnalyzer(DemoBuilder b) => new()
    {
        AnalyzersByRegion = new Dictionary<string, IReadOnlyList<Analyzer>>(StringComparer.Ordinal)
        {
            [UsEast1] = [Analyzer(b, UsEast1, "dev-unused-access", "ACCOUNT_UNUSED_ACCESS")],
            [EuWest1] = [Analyzer(b, EuWest1, "dev-external-access", "ACCOUNT")],
        },
    };

    public static MacieData DevMacie() => new()
    {
        Regions = new Dictionary<string, MacieRegion>(StringComparer.Ordinal)
        {
            [UsEast1] = new("DISABLED", false, 0),
            [EuWest1] = new("DISABLED", false, 0),
        },
    };

    public static RdsData DevRds(DemoBuilder b)
    {
        var dev = Tags(("Environment", "development"), ("ManagedBy", "manual"));
        return new RdsData
        {
            Instances =
            [
                Instance(b, EuWest1, "dev-shipment-db", "postgres", Tags(("Environment", "development"), ("ManagedBy", "manual"), ("Note", "restored from an old snapshot; public for local debugging"))) with
                {
                    AutoMinorVersionUpgrade = true, PubliclyAccessible = true, DbSubnetGroupName = "default",
                },
                Instance(b, UsEast1, "sandbox-mysql-ml", "mysql", dev) with
                {
                    StorageEncrypted = true, KmsKeyId = $"arn:aws:kms:{UsEast1}:{b.AccountId}:alias/aws/rds", DbSubnetGroupName = "default",
                },
            ],
        };
    }

    public static EfsData DevEfs(DemoBuilder b) => new()
    {
        FileSystems = [FileSystem(b, UsEast1, "dev-shared-home", encrypted: false)],
    };

    // ---- builders -------------------------------------------------------------------------------------------

    private static Analyzer OrgAnalyzer(DemoBuilder b, string region) => Analyzer(b, region, "kelpline-org-external-access", "ORGANIZATION");

    private static Analyzer Analyzer(DemoBuilder b, string region, string name, string type) =>
        new(name, $"arn:aws:access-analyzer:{region}:{b.AccountId}:analyzer/{name}", type, "ACTIVE");

    private static RdsInstance Instance(DemoBuilder b, string region, string id, string engine, IReadOnlyDictionary<string, string> tags) => new()
    {
        DbInstanceIdentifier = id,
        Arn = $"arn:aws:rds:{region}:{b.AccountId}:db:{id}",
        Region = region,
        Engine = engine,
        Tags = tags,
    };

    private static EfsFileSystem FileSystem(DemoBuilder b, string region, string name, bool encrypted)
    {
        var id = "fs-0" + DemoIds.Hex16($"{b.AccountId}/{region}/efs/{name}");
        return new EfsFileSystem
        {
            FileSystemId = id,
            Arn = $"arn:aws:elasticfilesystem:{region}:{b.AccountId}:file-system/{id}",
            Region = region,
            Name = name,
            Encrypted = encrypted,
            Tags = Tags(("Name", name), ("ManagedBy", encrypted ? "terraform" : "manual")),
        };
    }
}
