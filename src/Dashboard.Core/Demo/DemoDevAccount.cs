using System.Text.Json.Nodes;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Demo.DemoBuilder;

namespace Dashboard.Core.Demo;

/// <summary>
/// kelpline-dev: the development and sandbox account. Set up in a hurry years ago and never hardened: the root user
/// still has a password without MFA and an old access key, the password policy is weak, only half of S3 Block Public
/// Access is on, the only trail is single-Region without log-file validation, and SSH/RDP are open to the internet.
/// </summary>
internal static class DemoDevAccount
{
    private const string Account = DemoOrganization.DevAccountId;
    private const string UsEast1 = "us-east-1";
    private const string EuWest1 = "eu-west-1";
    private const string Corporate = "203.0.113.0/24";
    private const string Dev = "development";

    public static AccountInventory Create(DateTimeOffset now)
    {
        var b = new DemoBuilder(Account, now);
        return new AccountInventory
        {
            AccountId = Account,
            AccountAlias = "kelpline-dev",
            CollectedAt = now,
            Regions = [UsEast1, EuWest1],
            Iam = Iam(b),
            S3 = S3(b),
            CloudTrail = CloudTrail(b),
            Ec2 = Ec2(b),
            Account = DemoDataStores.DevAccountSettings(),
            Organization = DemoDataStores.DevOrganization(),
            AccessAnalyzer = DemoDataStores.DevAccessAnalyzer(b),
            Macie = DemoDataStores.DevMacie(),
            Rds = DemoDataStores.DevRds(b),
            Efs = DemoDataStores.DevEfs(b),
            Errors =
            [
                new CollectionError("ec2", EuWest1, "GetEbsEncryptionByDefault", "RequestLimitExceeded",
                    "Request limit exceeded. (retried 5 times)"),
                new CollectionError("s3", UsEast1, "GetPublicAccessBlock", "SlowDown",
                    "Please reduce your request rate. (retried 5 times)", "kelpline-dev-build-cache"),
            ],
        };
    }

    // ---- IAM ------------------------------------------------------------------------------------------------

    private static IamData Iam(DemoBuilder b)
    {
        b.AwsManagedPolicy("AdministratorAccess", "/", DemoPolicies.AdministratorAccess);
        b.AwsManagedPolicy("AWSLambdaBasicExecutionRole", "/service-role/", DemoPolicies.AwsLambdaBasicExecutionRole);
        b.AwsManagedPolicy("AmazonSSMManagedInstanceCore", "/", DemoPolicies.AmazonSsmManagedInstanceCore, "v2");
        b.AwsManagedPolicy("AWSSupportServiceRolePolicy", "/aws-service-role/", DemoPolicies.AwsSupportServiceRolePolicy, "v38");
        b.AwsManagedPolicy("AWSCloudShellFullAccess", "/", DemoDataStores.AwsCloudShellFullAccess);
        b.CustomerPolicy("kelpline-posture-scanner-readonly", DemoPolicies.PostureScannerReadOnly());
        b.CustomerPolicy("dev-poweruser", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "NotAction": [
                    "iam:*",
                    "organizations:*",
                    "account:*"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "iam:PassRole",
                    "iam:GetRole",
                    "iam:ListRoles"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """, "v4");
        b.CustomerPolicy("sandbox-deploy", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "cloudformation:*",
                    "s3:*",
                    "lambda:*",
                    "ecs:*",
                    "ecr:*",
                    "iam:PassRole"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """, "v2");

        var groupSpecs = new[]
        {
            new GroupSpec("Administrators", "AdministratorAccess"),
            new GroupSpec("Developers", "dev-poweruser", "AWSCloudShellFullAccess"),
        };

        var userSpecs = new[]
        {
            new UserSpec("dev-admin", 2050)
            {
                Password = new PasswordSpec(600, 10), Mfa = false, Key1 = new KeySpec(true, 210, 1), Groups = ["Administrators"],
                Tags = Tags(("Note", "shared by the platform team")),
            },
            new UserSpec("sandbox-ci", 700)
            {
                Key1 = new KeySpec(true, 14, 0), Policies = ["AdministratorAccess"], Tags = Tags(("Owner", "platform")),
            },
            new UserSpec("ml-experiments", 460)
            {
                Key1 = new KeySpec(true, 95, 40), Groups = ["Developers"], Tags = Tags(("Team", "route-optimizer")),
            },
            new UserSpec("anna.vik", 380)
            {
                Password = new PasswordSpec(20, 1), Mfa = true, Groups = ["Developers"], Tags = Tags(("Team", "tracking-web")),
            },
            new UserSpec("svc-dev-seed-loader", 260)
            {
                Key1 = new KeySpec(true, 33, 3), Policies = ["sandbox-deploy"], Tags = Tags(("Owner", "shipment-api")),
            },
            new UserSpec("summer-intern-03", 150)
            {
                Password = new PasswordSpec(150, null), Mfa = false, Key1 = new KeySpec(true, 150, null), Groups = ["Developers"],
                Tags = Tags(("Note", "internship ended; account and onboarding access key never used")),
            },
        };

        var roleSpecs = new[]
        {
            new RoleSpec("OrganizationAccountAccessRole", 2050, DemoPolicies.AccountRootTrust(DemoOrganization.ManagementAccountId))
            {
                Policies = ["AdministratorAccess"], LastUsedDaysAgo = 12,
            },
            new RoleSpec("AWSServiceRoleForSupport", 2050, DemoPolicies.ServiceTrust("support.amazonaws.com"))
            {
                Path = "/aws-service-role/support.amazonaws.com/", Policies = ["AWSSupportServiceRolePolicy"],
            },
            new RoleSpec("kelpline-posture-scanner", 30, DemoPolicies.CrossAccountRoleTrust(
                $"arn:aws:iam::{DemoOrganization.SecurityToolingAccountId}:role/posture-dashboard", "posture-dashboard-demo"))
            {
                Policies = ["kelpline-posture-scanner-readonly"], LastUsedDaysAgo = 0,
            },
            new RoleSpec("dev-lambda-exec", 900, DemoPolicies.ServiceTrust("lambda.amazonaws.com"))
            {
                Policies = ["AWSLambdaBasicExecutionRole", "sandbox-deploy"], LastUsedDaysAgo = 2,
            },
            new RoleSpec("dev-ec2-ssm", 1100, DemoPolicies.ServiceTrust("ec2.amazonaws.com"))
            {
                Policies = ["AmazonSSMManagedInstanceCore"], LastUsedDaysAgo = 0,
            },
            new RoleSpec("ci-cross-account-deployer", 365, DemoPolicies.CrossAccountRoleTrust(
                $"arn:aws:iam::{DemoOrganization.ProdAccountId}:role/gha-infra-apply", "kelpline-infra-live"))
            {
                Policies = ["sandbox-deploy"], LastUsedDaysAgo = 1,
            },
            new RoleSpec("gha-shipment-api-preview", 200,
                DemoPolicies.GitHubTrustPinned(Account, "repo:kelpline/shipment-api:pull_request"))
            {
                Policies = ["sandbox-deploy"], LastUsedDaysAgo = 0, Tags = Tags(("Repository", "kelpline/shipment-api")),
            },
            new RoleSpec("gha-sandbox-deploy", 610, DemoPolicies.GitHubTrust(Account, new JsonObject
            {
                ["StringEquals"] = new JsonObject { [DemoPolicies.GitHubAud] = "sts.amazonaws.com" },
                ["StringLike"] = new JsonObject { [DemoPolicies.GitHubSub] = "*" },
            }))
            {
                Policies = ["AdministratorAccess"], LastUsedDaysAgo = 4,
                Tags = Tags(("Note", "quick fix during a hackathon")),
            },
            new RoleSpec("gha-tracking-web-preview", 150, DemoPolicies.GitHubTrust(Account, new JsonObject
            {
                ["StringEquals"] = new JsonObject
                {
                    [DemoPolicies.GitHubAud] = "https://github.com/kelpline",
                    [DemoPolicies.GitHubSub] = "repo:kelpline/tracking-web:pull_request",
                },
            }))
            {
                Policies = ["sandbox-deploy"], LastUsedDaysAgo = 6,
                Tags = Tags(("Repository", "kelpline/tracking-web"), ("Note", "audience copied from an old action version")),
            },
        };

        var users = userSpecs.Select(b.User).ToArray();
        var groups = groupSpecs.Select(b.Group).ToArray();
        var roles = roleSpecs.Select(b.Role).ToArray();
        var root = new CredentialReportRow
        {
            User = CredentialReportRow.RootUserName,
            Arn = $"arn:aws:iam::{Account}:root",
            UserCreationTime = b.Ago(2051, 3, 40),
            PasswordEnabled = true,
            PasswordLastChanged = b.Ago(2051, 3, 12),
            PasswordLastUsed = b.Ago(77, 22, 8),
            MfaActive = false,
            AccessKey1Active = true,
            AccessKey1LastRotated = b.Ago(1290, 4, 19),
            AccessKey1LastUsedDate = b.Ago(640, 1, 45),
        };

        var iam = new IamData
        {
            PasswordPolicy = new PasswordPolicy
            {
                MinimumPasswordLength = 8,
                RequireSymbols = false,
                RequireNumbers = true,
                RequireUppercaseCharacters = false,
                RequireLowercaseCharacters = true,
                AllowUsersToChangePassword = true,
                MaxPasswordAge = null,
                PasswordReusePrevention = null,
                HardExpiry = false,
            },
            CredentialReport = [root, .. userSpecs.Select(b.CredentialRow)],
            Users = users,
            Groups = groups,
            Roles = roles,
            Policies = b.ManagedPolicies(users, groups, roles),
            OidcProviders = [b.GitHubOidcProvider()],
        };
        return iam with { AccountSummary = AccountSummary(iam, rootMfa: false, rootKeys: true, rootPassword: true, instanceProfiles: 1) };
    }

    // ---- S3 -------------------------------------------------------------------------------------------------

    private static S3Data S3(DemoBuilder b)
    {
        var dev = Tags(("Environment", Dev));

        S3Bucket Bucket(string name, string region, int createdDaysAgo) => new()
        {
            Name = name,
            Region = region,
            CreationDate = b.Ago(createdDaysAgo, 2, 48),
            PublicAccessBlock = PublicAccessBlock.AllOn,
            Encryption = new BucketEncryption("AES256"),
            PolicyIsPublic = false,
        };

        return new S3Data
        {
            // Only the ACL half of Block Public Access: public bucket policies are still possible account-wide.
            AccountPublicAccessBlock = new PublicAccessBlock(BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false),
            Buckets =
            [
                Bucket("kelpline-dev-scratch", EuWest1, 1980) with
                {
                    PublicAccessBlock = null,
                    Encryption = null,
                    Tags = Tags(("Environment", Dev), ("Note", "anything goes, cleaned up never")),
                },
                Bucket("kelpline-dev-cloudtrail", UsEast1, 2040) with
                {
                    VersioningStatus = "Enabled",
                    Policy = DemoPolicies.BucketPolicy($$"""
                            {
                              "Sid": "AWSCloudTrailWrite",
                              "Effect": "Allow",
                              "Principal": {
                                "Service": "cloudtrail.amazonaws.com"
                              },
                              "Action": "s3:PutObject",
                              "Resource": "arn:aws:s3:::kelpline-dev-cloudtrail/AWSLogs/{{Account}}/*"
                            }
                        """),
                    Tags = Tags(("Environment", Dev), ("DataClassification", "audit")),
                },
                Bucket("kelpline-dev-artifacts", EuWest1, 1200) with
                {
                    Encryption = new BucketEncryption("aws:kms", b.KmsKeyArn(EuWest1, "artifacts"), BucketKeyEnabled: true),
                    VersioningStatus = "Enabled",
                    Policy = DemoPolicies.TlsOnlyBucketPolicy("kelpline-dev-artifacts"),
                    Tags = Tags(("Environment", Dev), ("ManagedBy", "terraform")),
                },
                Bucket("kelpline-dev-preview-sites", UsEast1, 520) with
                {
                    PublicAccessBlock = new PublicAccessBlock(false, false, false, false),
                    Policy = DemoPolicies.BucketPolicy("""
                            {
                              "Sid": "PublicReadForPreviewSites",
                              "Effect": "Allow",
                              "Principal": "*",
                              "Action": "s3:GetObject",
                              "Resource": "arn:aws:s3:::kelpline-dev-preview-sites/*"
                            }
                        """),
                    PolicyIsPublic = true,
                    Tags = Tags(("Environment", Dev), ("Project", "tracking-web"), ("Website", "preview.kelpline.example")),
                },
                Bucket("kelpline-dev-datalake-sample", EuWest1, 280) with
                {
                    // Complements the account setting: together all four flags are on.
                    PublicAccessBlock = new PublicAccessBlock(false, false, true, true),
                    Encryption = new BucketEncryption("aws:kms", b.KmsKeyArn(EuWest1, "datalake-sample")),
                    Tags = Tags(("Environment", Dev), ("Project", "datalake"), ("ManagedBy", "terraform")),
                },
                Bucket("kelpline-dev-tfstate", EuWest1, 1300) with
                {
                    Encryption = new BucketEncryption("aws:kms", b.KmsKeyArn(EuWest1, "terraform")),
                    VersioningStatus = "Enabled",
                    Policy = DemoPolicies.TlsOnlyBucketPolicy("kelpline-dev-tfstate"),
                    Tags = Tags(("Environment", Dev), ("ManagedBy", "terraform"), ("Purpose", "terraform state")),
                },
                Bucket("kelpline-dev-build-cache", UsEast1, 95) with
                {
                    // GetPublicAccessBlock was throttled (see the account's errors), so the bucket setting is unknown.
                    PublicAccessBlock = null,
                    Tags = Tags(("Environment", Dev), ("Project", "ci"), ("ManagedBy", "terraform")),
                },
                Bucket("kelpline-dev-lambda-packages", UsEast1, 870) with
                {
                    PublicAccessBlock = null,
                    VersioningStatus = "Suspended",
                    Tags = dev,
                },
            ],
        };
    }

    // ---- CloudTrail -------------------------------------------------------------------------------------------

    private static CloudTrailData CloudTrail(DemoBuilder b) => new()
    {
        Trails =
        [
            new Trail
            {
                Name = "kelpline-dev-trail",
                Arn = $"arn:aws:cloudtrail:{UsEast1}:{Account}:trail/kelpline-dev-trail",
                HomeRegion = UsEast1,
                IsMultiRegionTrail = false,
                IsOrganizationTrail = false,
                LogFileValidationEnabled = false,
                S3BucketName = "kelpline-dev-cloudtrail",
                IsLogging = true,
                LatestDeliveryError = null,
                EventSelectors = [new EventSelector("WriteOnly", true, [], [])],
            },
        ],
    };

    // ---- EC2 ------------------------------------------------------------------------------------------------

    private static Ec2Data Ec2(DemoBuilder b)
    {
        var useDefault = b.VpcId(UsEast1, "default");
        var euwDev = b.VpcId(EuWest1, "dev");
        var manual = Tags(("ManagedBy", "manual"));

        SecurityGroup[] groups =
        [
            // us-east-1 (the default VPC, used for quick experiments)
            b.DefaultSecurityGroup(UsEast1, useDefault),
            b.SecurityGroup(UsEast1, useDefault, "preview-web", "HTTP(S) for preview sites",
                [Rules.Tcp(80, "0.0.0.0/0", "::/0"), Rules.Tcp(443, "0.0.0.0/0", "::/0")], Tags(("ManagedBy", "terraform"))),
            b.SecurityGroup(UsEast1, useDefault, "dev-bastion", "SSH from anywhere (dev only!)",
                [Rules.Tcp(22, "0.0.0.0/0", "::/0")], manual),

            // eu-west-1
            b.DefaultSecurityGroup(EuWest1, euwDev),
            b.SecurityGroup(EuWest1, euwDev, "dev-ecs-tasks", "Dev ECS tasks", [Rules.Tcp(8080, "10.60.0.0/16")], Tags(("ManagedBy", "terraform"))),
            b.SecurityGroup(EuWest1, euwDev, "dev-windows-test", "RDP for the Windows test box", [Rules.Tcp(3389, "0.0.0.0/0")], manual),
            b.SecurityGroup(EuWest1, euwDev, "launch-wizard-1", "launch-wizard-1 created by the console",
                [Rules.Tcp(22, "0.0.0.0/0"), Rules.TcpRange(0, 65535, Corporate)]),
            b.SecurityGroup(EuWest1, euwDev, "ml-notebook", "Jupyter for the ML notebook",
                [Rules.Tcp(8888, "0.0.0.0/0"), Rules.Tcp(22, Corporate)], manual),
        ];

        Ec2Instance[] instances =
        [
            b.Instance(UsEast1, useDefault, "preview-web-01", "t3.small", "running", "optional", 240, "tracking-web", "terraform", environment: Dev),
            b.Instance(UsEast1, useDefault, "dev-bastion", "t3.micro", "running", "optional", 1015, "platform", "manual", "dev-ec2-ssm", environment: Dev),
            b.Instance(UsEast1, useDefault, "gpu-experiment-01", "g5.xlarge", "stopped", "required", 61, "route-optimizer", "manual", environment: Dev),
            b.Instance(EuWest1, euwDev, "dev-ecs-capacity-a", "t3.large", "running", "required", 8, "shipment-api", "terraform", "dev-ec2-ssm", environment: Dev),
            b.Instance(EuWest1, euwDev, "dev-windows-test", "t3.large", "stopped", "optional", 402, "tracking-web", "manual", environment: Dev),
            b.Instance(EuWest1, euwDev, "ml-notebook-01", "m6i.xlarge", "running", "optional", 133, "route-optimizer", "manual", environment: Dev),
            b.Instance(EuWest1, euwDev, "load-test-runner", "c6i.4xlarge", "terminated", "required", 3, "shipment-api", "terraform", environment: Dev),
        ];

        return new Ec2Data
        {
            SecurityGroups = groups,
            Instances = instances,

            // eu-west-1 is missing: the call was throttled (see the account's errors).
            EbsEncryptionByDefault = new Dictionary<string, bool>(StringComparer.Ordinal) { [UsEast1] = false },
        };
    }
}
