using System.Text.Json.Nodes;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Demo.DemoBuilder;

namespace Dashboard.Core.Demo;

/// <summary>
/// kelpline-prod: the production account. Mostly well run (root MFA, strong password policy, account-level S3 Block
/// Public Access, a multi-Region trail), but with the usual drift: old service-user keys, a legacy bastion, a partner
/// SFTP box open to the world, a few GitHub OIDC roles that trust the whole organisation, an SCP that hides EC2 in
/// ap-southeast-2 from the scanner, and a bucket policy that denies the scanner a look at one bucket's encryption.
/// </summary>
internal static class DemoProdAccount
{
    private const string Account = DemoOrganization.ProdAccountId;
    private const string UsEast1 = "us-east-1";
    private const string EuWest1 = "eu-west-1";
    private const string EuCentral1 = "eu-central-1";
    private const string ApSoutheast2 = "ap-southeast-2";
    private const string Corporate = "203.0.113.0/24";
    private const string ScannerSession = "arn:aws:sts::" + Account + ":assumed-role/kelpline-posture-scanner/posture-dashboard-scan";

    public static AccountInventory Create(DateTimeOffset now)
    {
        var b = new DemoBuilder(Account, now);
        return new AccountInventory
        {
            AccountId = Account,
            AccountAlias = "kelpline-prod",
            CollectedAt = now,
            Regions = [UsEast1, EuWest1, EuCentral1, ApSoutheast2],
            SkippedRegions = [new SkippedRegion("ap-east-1", "opt-in region not enabled for this account")],
            Iam = Iam(b),
            S3 = S3(b),
            CloudTrail = CloudTrail(b),
            Ec2 = Ec2(b),
            Account = DemoDataStores.ProdAccountSettings(),
            Organization = DemoDataStores.ProdOrganization(),
            AccessAnalyzer = DemoDataStores.ProdAccessAnalyzer(b),
            Macie = DemoDataStores.ProdMacie(),
            Rds = DemoDataStores.ProdRds(b),
            Efs = DemoDataStores.ProdEfs(b),
            Errors =
            [
                .. DemoDataStores.ProdErrors(ScannerSession),
                new CollectionError("ec2", ApSoutheast2, "DescribeInstances", "UnauthorizedOperation",
                    $"You are not authorized to perform this operation. User: {ScannerSession} is not authorized to perform: "
                    + "ec2:DescribeInstances with an explicit deny in a service control policy"),
                new CollectionError("s3", ApSoutheast2, "GetBucketEncryption", "AccessDenied",
                    $"User: {ScannerSession} is not authorized to perform: s3:GetEncryptionConfiguration on resource: "
                    + "\"arn:aws:s3:::kelpline-prod-customer-exports\" with an explicit deny in a resource-based policy",
                    "kelpline-prod-customer-exports"),
            ],
        };
    }

    // ---- IAM ------------------------------------------------------------------------------------------------

    private static IamData Iam(DemoBuilder b)
    {
        DefinePolicies(b);

        var groupSpecs = new[]
        {
            new GroupSpec("Administrators", "AdministratorAccess"),
            new GroupSpec("Developers", "kelpline-developer-access"),
            new GroupSpec("ReadOnly", "kelpline-readonly-console"),
            new GroupSpec("EdiPartners", "kelpline-edi-upload"),
        };

        var userSpecs = new[]
        {
            new UserSpec("breakglass-admin", 1460)
            {
                Password = new PasswordSpec(380, 201), Mfa = true, Groups = ["Administrators"],
                Tags = Tags(("Purpose", "emergency access, sealed envelope in the Oslo office safe"), ("Owner", "security")),
            },
            new UserSpec("kari.nordvik", 1105)
            {
                Password = new PasswordSpec(60, 1), Mfa = true, Key1 = new KeySpec(true, 23, 0), Groups = ["Administrators"],
                Tags = Tags(("Team", "platform")),
            },
            new UserSpec("tomas.berglund", 870)
            {
                Password = new PasswordSpec(190, 3), Mfa = false, Key1 = new KeySpec(true, 187, 2), Groups = ["Developers"],
                Tags = Tags(("Team", "shipment-api")),
            },
            new UserSpec("svc-legacy-edi-uploader", 2210)
            {
                Key1 = new KeySpec(true, 1104, 1), Key2 = new KeySpec(false, 1530, 1201), Groups = ["EdiPartners"],
                Tags = Tags(("Owner", "integrations"), ("Note", "used by the on-prem EDI server; rotation needs a partner change window"),
                    ("ExceptionTicket", "SEC-1187")),
            },
            new UserSpec("svc-backup-exporter", 640)
            {
                Key1 = new KeySpec(true, 41, 0), Policies = ["kelpline-backup-export"], Tags = Tags(("Owner", "platform")),
            },
            new UserSpec("svc-terraform-ci", 1320)
            {
                Key1 = new KeySpec(true, 400, 14), Key2 = new KeySpec(true, 12, 0), Policies = ["AdministratorAccess"],
                Tags = Tags(("Owner", "platform"), ("Note", "being replaced by the gha-infra-apply OIDC role")),
            },
            new UserSpec("liv.hammersmark", 410)
            {
                Password = new PasswordSpec(45, 6), Mfa = true, Groups = ["ReadOnly"], Tags = Tags(("Team", "finance")),
            },
            new UserSpec("external-auditor", 330)
            {
                Password = new PasswordSpec(300, 281), Mfa = false, Groups = ["ReadOnly"],
                Tags = Tags(("Company", "external audit firm"), ("Expires", "after the annual audit")),
            },
            new UserSpec("svc-sftp-partner-gateway", 980)
            {
                Key1 = new KeySpec(true, 89, 0), Groups = ["EdiPartners"], Tags = Tags(("Owner", "integrations")),
            },
            new UserSpec("jonas.eklund", 760)
            {
                Password = new PasswordSpec(30, 0), Mfa = true, Key1 = new KeySpec(false, 500, 430), Key2 = new KeySpec(true, 20, 1),
                Groups = ["Developers"], Tags = Tags(("Team", "route-optimizer")),
            },
            new UserSpec("svc-smtp-relay", 1900)
            {
                Key1 = new KeySpec(true, 760, 0),
                InlinePolicies = [new InlinePolicy("ses-send", """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Action": "ses:SendRawEmail",
                          "Resource": "*"
                        }
                      ]
                    }
                    """)],
                Tags = Tags(("Owner", "platform"), ("Note", "SES SMTP credentials for the invoice mailer")),
            },
            new UserSpec("contractor-routing-ext", 335)
            {
                Password = new PasswordSpec(330, 220), Mfa = false, Key1 = new KeySpec(true, 330, 200), Groups = ["Developers"],
                Tags = Tags(("Company", "external contractor"), ("Team", "route-optimizer")),
            },
        };

        var roleSpecs = new[]
        {
            new RoleSpec("OrganizationAccountAccessRole", 1830, DemoPolicies.AccountRootTrust(DemoOrganization.ManagementAccountId))
            {
                Policies = ["AdministratorAccess"], LastUsedDaysAgo = 64,
            },
            new RoleSpec("AWSServiceRoleForSupport", 1830, DemoPolicies.ServiceTrust("support.amazonaws.com"))
            {
                Path = "/aws-service-role/support.amazonaws.com/", Policies = ["AWSSupportServiceRolePolicy"], LastUsedDaysAgo = 9,
            },
            new RoleSpec("kelpline-support-desk", 610, DemoPolicies.CrossAccountRoleTrust(
                $"arn:aws:iam::{DemoOrganization.SecurityToolingAccountId}:role/ops-on-call", "kelpline-support-3c9e"))
            {
                Policies = ["AWSSupportAccess"], LastUsedDaysAgo = 17, Tags = Tags(("Owner", "platform")),
            },
            new RoleSpec("kelpline-security-audit", 720, DemoPolicies.CrossAccountRoleTrust(
                $"arn:aws:iam::{DemoOrganization.SecurityToolingAccountId}:role/security-team-readonly", "kelpline-secaudit-7f3a"))
            {
                Policies = ["kelpline-security-audit-readonly"], LastUsedDaysAgo = 2,
            },
            new RoleSpec("kelpline-posture-scanner", 30, DemoPolicies.CrossAccountRoleTrust(
                $"arn:aws:iam::{DemoOrganization.SecurityToolingAccountId}:role/posture-dashboard", "posture-dashboard-demo"))
            {
                Policies = ["kelpline-posture-scanner-readonly"], LastUsedDaysAgo = 0,
            },
            new RoleSpec("shipment-api-task", 690, DemoPolicies.ServiceTrust("ecs-tasks.amazonaws.com"))
            {
                InlinePolicies = [new InlinePolicy("shipment-data", """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Action": [
                            "dynamodb:GetItem",
                            "dynamodb:PutItem",
                            "dynamodb:UpdateItem",
                            "dynamodb:Query"
                          ],
                          "Resource": "arn:aws:dynamodb:eu-west-1:210987654321:table/shipments*"
                        },
                        {
                          "Effect": "Allow",
                          "Action": [
                            "s3:GetObject",
                            "s3:PutObject"
                          ],
                          "Resource": "arn:aws:s3:::kelpline-prod-shipment-documents/*"
                        }
                      ]
                    }
                    """)],
                LastUsedDaysAgo = 0, Tags = Tags(("Project", "shipment-api")),
            },
            new RoleSpec("shipment-api-task-execution", 690, DemoPolicies.ServiceTrust("ecs-tasks.amazonaws.com"))
            {
                Policies = ["AmazonECSTaskExecutionRolePolicy"], LastUsedDaysAgo = 0, Tags = Tags(("Project", "shipment-api")),
            },
            new RoleSpec("invoice-renderer-lambda", 540, DemoPolicies.ServiceTrust("lambda.amazonaws.com"))
            {
                Policies = ["AWSLambdaBasicExecutionRole"],
                InlinePolicies = [new InlinePolicy("write-invoices", """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Action": "s3:PutObject",
                          "Resource": "arn:aws:s3:::kelpline-prod-invoices/rendered/*"
                        }
                      ]
                    }
                    """)],
                LastUsedDaysAgo = 0, Tags = Tags(("Project", "invoicing")),
            },
            new RoleSpec("edi-parser-lambda", 1210, DemoPolicies.ServiceTrust("lambda.amazonaws.com"))
            {
                Policies = ["AWSLambdaBasicExecutionRole", "kelpline-edi-upload"], LastUsedDaysAgo = 0, Tags = Tags(("Project", "edi")),
            },
            new RoleSpec("route-optimizer-ec2", 455, DemoPolicies.ServiceTrust("ec2.amazonaws.com"))
            {
                Policies = ["AmazonSSMManagedInstanceCore"], LastUsedDaysAgo = 0, Tags = Tags(("Project", "route-optimizer")),
            },
            new RoleSpec("bastion-ssm", 1350, DemoPolicies.ServiceTrust("ec2.amazonaws.com"))
            {
                Policies = ["AmazonSSMManagedInstanceCore"], LastUsedDaysAgo = 0, Tags = Tags(("Project", "platform")),
            },
            new RoleSpec("datalake-glue-etl", 300, DemoPolicies.ServiceTrust("glue.amazonaws.com"))
            {
                Policies = ["kelpline-datalake-etl"], LastUsedDaysAgo = 1, Tags = Tags(("Project", "datalake")),
            },
            new RoleSpec("gha-shipment-api-deploy", 250,
                DemoPolicies.GitHubTrustPinned(Account, "repo:kelpline/shipment-api:ref:refs/heads/main"))
            {
                Policies = ["kelpline-ci-deploy-shipment-api"], LastUsedDaysAgo = 0, Tags = Tags(("Repository", "kelpline/shipment-api")),
            },
            new RoleSpec("gha-tracking-web-deploy", 180,
                DemoPolicies.GitHubTrustPinned(Account, "repo:kelpline/tracking-web:environment:production"))
            {
                Policies = ["kelpline-website-publish"], LastUsedDaysAgo = 3, Tags = Tags(("Repository", "kelpline/tracking-web")),
            },
            new RoleSpec("gha-terraform-plan", 420, DemoPolicies.GitHubTrust(Account, new JsonObject
            {
                ["StringEquals"] = new JsonObject { [DemoPolicies.GitHubAud] = "sts.amazonaws.com" },
                ["StringLike"] = new JsonObject { [DemoPolicies.GitHubSub] = "repo:kelpline/*" },
            }))
            {
                Policies = ["kelpline-readonly-console", "kelpline-terraform-state"], LastUsedDaysAgo = 0,
                Tags = Tags(("Repository", "kelpline/*"), ("Note", "any repository in the org can plan")),
            },
            new RoleSpec("gha-legacy-deploy", 1010, DemoPolicies.GitHubTrust(Account, new JsonObject
            {
                ["StringEquals"] = new JsonObject { [DemoPolicies.GitHubAud] = "sts.amazonaws.com" },
            }))
            {
                Policies = ["kelpline-ci-deploy-shipment-api"], LastUsedDaysAgo = 96,
                Tags = Tags(("Note", "created before the sub-condition guardrail")),
            },
            new RoleSpec("gha-infra-apply", 365, DemoPolicies.GitHubTrust(Account, new JsonObject
            {
                ["StringEquals"] = new JsonObject { [DemoPolicies.GitHubAud] = "sts.amazonaws.com" },
                ["StringLike"] = new JsonObject
                {
                    [DemoPolicies.GitHubSub] = new JsonArray("repo:kelpline/infra-live:ref:refs/heads/main",
                        "repo:kelpline/infra-live:environment:production", "repo:kelpline/*"),
                },
            }))
            {
                Policies = ["AdministratorAccess"], LastUsedDaysAgo = 1, Tags = Tags(("Repository", "kelpline/infra-live")),
            },
        };

        var users = userSpecs.Select(b.User).ToArray();
        var groups = groupSpecs.Select(b.Group).ToArray();
        var roles = roleSpecs.Select(b.Role).ToArray();
        var root = new CredentialReportRow
        {
            User = CredentialReportRow.RootUserName,
            Arn = $"arn:aws:iam::{Account}:root",
            UserCreationTime = b.Ago(2230, 10, 4),
            PasswordEnabled = true,
            PasswordLastChanged = b.Ago(1402, 8, 51),
            PasswordLastUsed = b.Ago(512, 14, 3),
            MfaActive = true,
        };

        var iam = new IamData
        {
            PasswordPolicy = new PasswordPolicy
            {
                MinimumPasswordLength = 16,
                RequireSymbols = true,
                RequireNumbers = true,
                RequireUppercaseCharacters = true,
                RequireLowercaseCharacters = true,
                AllowUsersToChangePassword = true,
                MaxPasswordAge = 90,
                PasswordReusePrevention = 24,
                HardExpiry = false,
            },
            CredentialReport = [root, .. userSpecs.Select(b.CredentialRow)],
            Users = users,
            Groups = groups,
            Roles = roles,
            Policies = b.ManagedPolicies(users, groups, roles),
            OidcProviders = [b.GitHubOidcProvider()],
            SamlProviderArns = DemoDataStores.ProdSamlProviders(b),
            ServerCertificates = DemoDataStores.ProdServerCertificates(b),
        };
        return iam with { AccountSummary = AccountSummary(iam, rootMfa: true, rootKeys: false, rootPassword: true, instanceProfiles: 2) };
    }

    private static void DefinePolicies(DemoBuilder b)
    {
        b.AwsManagedPolicy("AdministratorAccess", "/", DemoPolicies.AdministratorAccess);
        b.AwsManagedPolicy("AWSLambdaBasicExecutionRole", "/service-role/", DemoPolicies.AwsLambdaBasicExecutionRole);
        b.AwsManagedPolicy("AmazonECSTaskExecutionRolePolicy", "/service-role/", DemoPolicies.AmazonEcsTaskExecutionRolePolicy);
        b.AwsManagedPolicy("AmazonSSMManagedInstanceCore", "/", DemoPolicies.AmazonSsmManagedInstanceCore, "v2");
        b.AwsManagedPolicy("AWSSupportServiceRolePolicy", "/aws-service-role/", DemoPolicies.AwsSupportServiceRolePolicy, "v38");
        b.AwsManagedPolicy("AWSSupportAccess", "/", DemoDataStores.AwsSupportAccess);

        b.CustomerPolicy("kelpline-posture-scanner-readonly", DemoPolicies.PostureScannerReadOnly());
        b.CustomerPolicy("kelpline-developer-access", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "ReadEverything",
                  "Effect": "Allow",
                  "Action": [
                    "ec2:Describe*",
                    "ecs:Describe*",
                    "ecs:List*",
                    "logs:Get*",
                    "logs:FilterLogEvents",
                    "cloudwatch:Get*",
                    "s3:ListAllMyBuckets"
                  ],
                  "Resource": "*"
                },
                {
                  "Sid": "ShipmentDocuments",
                  "Effect": "Allow",
                  "Action": [
                    "s3:GetObject",
                    "s3:ListBucket"
                  ],
                  "Resource": [
                    "arn:aws:s3:::kelpline-prod-shipment-documents",
                    "arn:aws:s3:::kelpline-prod-shipment-documents/*"
                  ]
                }
              ]
            }
            """, "v7");
        b.CustomerPolicy("kelpline-readonly-console", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "cloudtrail:Describe*",
                    "cloudtrail:LookupEvents",
                    "ec2:Describe*",
                    "iam:Get*",
                    "iam:List*",
                    "s3:GetBucket*",
                    "s3:ListAllMyBuckets",
                    "ce:Get*"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """, "v3");
        b.CustomerPolicy("kelpline-edi-upload", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "s3:PutObject",
                    "s3:GetObject",
                    "s3:ListBucket"
                  ],
                  "Resource": [
                    "arn:aws:s3:::kelpline-prod-edi-inbound",
                    "arn:aws:s3:::kelpline-prod-edi-inbound/*"
                  ]
                }
              ]
            }
            """, "v2");
        b.CustomerPolicy("kelpline-backup-export", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "s3:PutObject",
                    "s3:ListBucket"
                  ],
                  "Resource": [
                    "arn:aws:s3:::kelpline-prod-backups-apse2",
                    "arn:aws:s3:::kelpline-prod-backups-apse2/*"
                  ]
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "kms:Encrypt",
                    "kms:GenerateDataKey"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """);
        b.CustomerPolicy("kelpline-security-audit-readonly", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "access-analyzer:List*",
                    "cloudtrail:Describe*",
                    "cloudtrail:Get*",
                    "config:Describe*",
                    "ec2:Describe*",
                    "guardduty:Get*",
                    "guardduty:List*",
                    "iam:Get*",
                    "iam:List*",
                    "iam:GenerateCredentialReport",
                    "kms:Describe*",
                    "kms:List*",
                    "s3:GetBucket*",
                    "s3:GetEncryptionConfiguration",
                    "s3:ListAllMyBuckets",
                    "securityhub:Get*"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """, "v4");
        b.CustomerPolicy("kelpline-datalake-etl", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "s3:GetObject",
                    "s3:PutObject",
                    "s3:DeleteObject",
                    "s3:ListBucket"
                  ],
                  "Resource": [
                    "arn:aws:s3:::kelpline-datalake-*",
                    "arn:aws:s3:::kelpline-datalake-*/*"
                  ]
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "glue:*",
                    "logs:*"
                  ],
                  "Resource": "*"
                }
              ]
            }
            """, "v5");
        b.CustomerPolicy("kelpline-ci-deploy-shipment-api", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "ecr:GetAuthorizationToken",
                    "ecr:BatchCheckLayerAvailability",
                    "ecr:InitiateLayerUpload",
                    "ecr:UploadLayerPart",
                    "ecr:CompleteLayerUpload",
                    "ecr:PutImage",
                    "ecs:DescribeServices",
                    "ecs:DescribeTaskDefinition",
                    "ecs:RegisterTaskDefinition",
                    "ecs:UpdateService"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": "iam:PassRole",
                  "Resource": [
                    "arn:aws:iam::210987654321:role/shipment-api-task",
                    "arn:aws:iam::210987654321:role/shipment-api-task-execution"
                  ]
                }
              ]
            }
            """, "v3");
        b.CustomerPolicy("kelpline-website-publish", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "s3:PutObject",
                    "s3:DeleteObject",
                    "s3:ListBucket"
                  ],
                  "Resource": [
                    "arn:aws:s3:::kelpline-public-website",
                    "arn:aws:s3:::kelpline-public-website/*"
                  ]
                },
                {
                  "Effect": "Allow",
                  "Action": "cloudfront:CreateInvalidation",
                  "Resource": "*"
                }
              ]
            }
            """);
        b.CustomerPolicy("kelpline-terraform-state", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "s3:GetObject",
                    "s3:PutObject",
                    "s3:ListBucket"
                  ],
                  "Resource": [
                    "arn:aws:s3:::kelpline-prod-tfstate",
                    "arn:aws:s3:::kelpline-prod-tfstate/*"
                  ]
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:DeleteItem"
                  ],
                  "Resource": "arn:aws:dynamodb:eu-west-1:210987654321:table/terraform-locks"
                }
              ]
            }
            """, "v2");
        b.CustomerPolicy("kelpline-ops-fullaccess-old", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "*",
                  "Resource": "*"
                }
              ]
            }
            """);
    }

    // ---- S3 -------------------------------------------------------------------------------------------------

    private static S3Data S3(DemoBuilder b)
    {
        var trailKey = b.KmsKeyArn(UsEast1, "cloudtrail");
        var invoicesKey = b.KmsKeyArn(EuWest1, "invoices");
        var datalakeKey = b.KmsKeyArn(EuWest1, "datalake");
        var backupKey = b.KmsKeyArn(ApSoutheast2, "backups");
        var tfKey = b.KmsKeyArn(EuWest1, "terraform");
        var prod = Tags(("Environment", "production"), ("ManagedBy", "terraform"));

        S3Bucket Bucket(string name, string region, int createdDaysAgo) => new()
        {
            Name = name,
            Region = region,
            CreationDate = b.Ago(createdDaysAgo, 6, 12),
            PublicAccessBlock = PublicAccessBlock.AllOn,
            Encryption = new BucketEncryption("AES256"),
            PolicyIsPublic = false,
        };

        return new S3Data
        {
            AccountPublicAccessBlock = PublicAccessBlock.AllOn,
            Buckets =
            [
                Bucket("kelpline-cloudtrail-logs", UsEast1, 1825) with
                {
                    Encryption = new BucketEncryption("aws:kms", trailKey, BucketKeyEnabled: true),
                    VersioningStatus = "Enabled",
                    Policy = DemoPolicies.BucketPolicy(
                        """
                            {
                              "Sid": "AWSCloudTrailAclCheck",
                              "Effect": "Allow",
                              "Principal": {
                                "Service": "cloudtrail.amazonaws.com"
                              },
                              "Action": "s3:GetBucketAcl",
                              "Resource": "arn:aws:s3:::kelpline-cloudtrail-logs"
                            }
                        """,
                        $$"""
                            {
                              "Sid": "AWSCloudTrailWrite",
                              "Effect": "Allow",
                              "Principal": {
                                "Service": "cloudtrail.amazonaws.com"
                              },
                              "Action": "s3:PutObject",
                              "Resource": "arn:aws:s3:::kelpline-cloudtrail-logs/AWSLogs/{{Account}}/*",
                              "Condition": {
                                "StringEquals": {
                                  "s3:x-amz-acl": "bucket-owner-full-control"
                                }
                              }
                            }
                        """,
                        DemoPolicies.TlsOnlyStatement("kelpline-cloudtrail-logs")),
                    Tags = Tags(("Environment", "production"), ("ManagedBy", "terraform"), ("DataClassification", "audit")),
                },
                Bucket("kelpline-prod-invoices", EuWest1, 1640) with
                {
                    Encryption = new BucketEncryption("aws:kms", invoicesKey, BucketKeyEnabled: true),
                    VersioningStatus = "Enabled",
                    Policy = DemoPolicies.TlsOnlyBucketPolicy("kelpline-prod-invoices"),
                    Tags = Tags(("Environment", "production"), ("Project", "invoicing"), ("DataClassification", "confidential"), ("ManagedBy", "terraform")),
                },
                Bucket("kelpline-prod-shipment-documents", EuWest1, 1502) with
                {
                    VersioningStatus = "Enabled",
                    Tags = Tags(("Environment", "production"), ("Project", "shipment-api"), ("DataClassification", "confidential")),
                },
                Bucket("kelpline-prod-edi-inbound", EuCentral1, 2205) with
                {
                    PublicAccessBlock = new PublicAccessBlock(true, true, false, false),
                    Tags = Tags(("Environment", "production"), ("Project", "edi"), ("ManagedBy", "manual")),
                },
                Bucket("kelpline-public-website", UsEast1, 1190) with
                {
                    PublicAccessBlock = null,
                    Policy = DemoPolicies.BucketPolicy($$"""
                            {
                              "Sid": "AllowCloudFrontServicePrincipalReadOnly",
                              "Effect": "Allow",
                              "Principal": {
                                "Service": "cloudfront.amazonaws.com"
                              },
                              "Action": "s3:GetObject",
                              "Resource": "arn:aws:s3:::kelpline-public-website/*",
                              "Condition": {
                                "StringEquals": {
                                  "AWS:SourceArn": "arn:aws:cloudfront::{{Account}}:distribution/EDEMO4KELPLINE"
                                }
                              }
                            }
                        """),
                    Tags = Tags(("Environment", "production"), ("Project", "tracking-web"), ("Website", "www.kelpline.example")),
                },
                Bucket("kelpline-datalake-raw", EuWest1, 300) with
                {
                    Encryption = new BucketEncryption("aws:kms", datalakeKey, BucketKeyEnabled: true),
                    VersioningStatus = "Enabled",
                    Policy = DemoPolicies.TlsOnlyBucketPolicy("kelpline-datalake-raw"),
                    Tags = Tags(("Environment", "production"), ("Project", "datalake"), ("Zone", "raw"), ("ManagedBy", "terraform")),
                },
                Bucket("kelpline-datalake-curated", EuWest1, 300) with
                {
                    Encryption = new BucketEncryption("aws:kms", datalakeKey, BucketKeyEnabled: true),
                    VersioningStatus = "Enabled",
                    Tags = Tags(("Environment", "production"), ("Project", "datalake"), ("Zone", "curated"), ("ManagedBy", "terraform")),
                },
                Bucket("kelpline-datalake-athena-results", EuWest1, 298) with
                {
                    Tags = Tags(("Environment", "production"), ("Project", "datalake"), ("ManagedBy", "terraform")),
                },
                Bucket("kelpline-prod-tfstate", EuWest1, 1340) with
                {
                    Encryption = new BucketEncryption("aws:kms", tfKey),
                    VersioningStatus = "Enabled",
                    Policy = DemoPolicies.TlsOnlyBucketPolicy("kelpline-prod-tfstate"),
                    Tags = Tags(("Environment", "production"), ("ManagedBy", "terraform"), ("Purpose", "terraform state")),
                },
                Bucket("kelpline-prod-alb-logs-euw1", EuWest1, 688) with
                {
                    Policy = DemoPolicies.BucketPolicy("""
                            {
                              "Sid": "ElbLogDelivery",
                              "Effect": "Allow",
                              "Principal": {
                                "Service": "logdelivery.elasticloadbalancing.amazonaws.com"
                              },
                              "Action": "s3:PutObject",
                              "Resource": "arn:aws:s3:::kelpline-prod-alb-logs-euw1/AWSLogs/210987654321/*"
                            }
                        """),
                    Tags = prod,
                },
                Bucket("kelpline-prod-backups-apse2", ApSoutheast2, 610) with
                {
                    Encryption = new BucketEncryption("aws:kms", backupKey, BucketKeyEnabled: true),
                    VersioningStatus = "Enabled",
                    MfaDeleteEnabled = true,
                    Tags = Tags(("Environment", "production"), ("Purpose", "cross-region backup"), ("ManagedBy", "terraform")),
                },
                Bucket("kelpline-prod-customer-exports", ApSoutheast2, 402) with
                {
                    // GetBucketEncryption was denied by this policy (see the account's errors), so Encryption is unknown.
                    PublicAccessBlock = null,
                    Encryption = null,
                    VersioningStatus = "Suspended",
                    Policy = DemoPolicies.BucketPolicy("""
                            {
                              "Sid": "OnlyDataPlatformMayReadOrChangeEncryption",
                              "Effect": "Deny",
                              "Principal": "*",
                              "Action": [
                                "s3:GetEncryptionConfiguration",
                                "s3:PutEncryptionConfiguration"
                              ],
                              "Resource": "arn:aws:s3:::kelpline-prod-customer-exports",
                              "Condition": {
                                "ArnNotLike": {
                                  "aws:PrincipalArn": "arn:aws:iam::210987654321:role/datalake-glue-etl"
                                }
                              }
                            }
                        """),
                    Tags = Tags(("Environment", "production"), ("Project", "customer-portal"), ("DataClassification", "confidential")),
                },
                Bucket("kelpline-legacy-ftp-mirror", EuCentral1, 2890) with
                {
                    PublicAccessBlock = null,
                    Encryption = null,
                    Tags = Tags(("Owner", "integrations"), ("Note", "mirror of the old FTP server; nobody knows if it is still needed")),
                },
                Bucket("kelpline-prod-config-snapshots", UsEast1, 1100) with
                {
                    VersioningStatus = "Enabled",
                    Tags = prod,
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
                Name = "kelpline-prod-audit",
                Arn = $"arn:aws:cloudtrail:{UsEast1}:{Account}:trail/kelpline-prod-audit",
                HomeRegion = UsEast1,
                IsMultiRegionTrail = true,
                IsOrganizationTrail = false,
                LogFileValidationEnabled = true,
                KmsKeyId = b.KmsKeyArn(UsEast1, "cloudtrail"),
                S3BucketName = "kelpline-cloudtrail-logs",
                CloudWatchLogsLogGroupArn = $"arn:aws:logs:{UsEast1}:{Account}:log-group:aws-cloudtrail-logs-kelpline-prod:*",
                IsLogging = true,
                EventSelectors = [new EventSelector("All", true, [], [])],
            },
            new Trail
            {
                Name = "kelpline-edi-data-events",
                Arn = $"arn:aws:cloudtrail:{EuCentral1}:{Account}:trail/kelpline-edi-data-events",
                HomeRegion = EuCentral1,
                IsMultiRegionTrail = false,
                LogFileValidationEnabled = false,
                S3BucketName = "kelpline-cloudtrail-logs",
                IsLogging = true,
                AdvancedEventSelectors =
                [
                    new AdvancedEventSelector("S3 object events for EDI inbound",
                    [
                        new AdvancedFieldSelector("eventCategory", ["Data"], [], [], []),
                        new AdvancedFieldSelector("resources.type", ["AWS::S3::Object"], [], [], []),
                        new AdvancedFieldSelector("resources.ARN", [], [], ["arn:aws:s3:::kelpline-prod-edi-inbound/"], []),
                    ]),
                ],
            },
        ],
    };

    // ---- EC2 ------------------------------------------------------------------------------------------------

    private static Ec2Data Ec2(DemoBuilder b)
    {
        var useMain = b.VpcId(UsEast1, "prod-main");
        var useDefault = b.VpcId(UsEast1, "default");
        var euwMain = b.VpcId(EuWest1, "prod-main");
        var eucMain = b.VpcId(EuCentral1, "prod-main");
        var apsMain = b.VpcId(ApSoutheast2, "prod-backup");

        var albId = b.SecurityGroupId(EuWest1, euwMain, "shipment-api-alb");
        var ecsId = b.SecurityGroupId(EuWest1, euwMain, "shipment-api-ecs");
        var tf = Tags(("ManagedBy", "terraform"));

        SecurityGroup[] groups =
        [
            // us-east-1
            b.DefaultSecurityGroup(UsEast1, useMain),
            b.DefaultSecurityGroup(UsEast1, useDefault),
            b.SecurityGroup(UsEast1, useMain, "bastion-legacy", "SSH bastion (legacy, to be replaced by SSM)",
                [Rules.Tcp(22, "0.0.0.0/0"), Rules.IcmpPing("0.0.0.0/0")], Tags(("ManagedBy", "manual"), ("Owner", "platform"))),
            b.SecurityGroup(UsEast1, useMain, "ci-runners", "Self-hosted CI runners, egress only", [], tf),
            b.SecurityGroup(UsEast1, useMain, "ops-vpn-ssh", "SSH from the office VPN", [Rules.Tcp(22, Corporate)], tf),

            // eu-west-1
            b.DefaultSecurityGroup(EuWest1, euwMain),
            b.SecurityGroup(EuWest1, euwMain, "shipment-api-alb", "Public ALB for the shipment API",
                [Rules.Tcp(443, "0.0.0.0/0", "::/0"), Rules.Tcp(80, "0.0.0.0/0", "::/0")], tf),
            b.SecurityGroup(EuWest1, euwMain, "shipment-api-ecs", "ECS tasks behind the ALB", [Rules.TcpFromGroup(8080, albId)], tf),
            b.SecurityGroup(EuWest1, euwMain, "shipment-db", "PostgreSQL for the shipment API", [Rules.TcpFromGroup(5432, ecsId)], tf),
            b.SecurityGroup(EuWest1, euwMain, "bastion-corp-ssh", "SSH from the corporate network only", [Rules.Tcp(22, Corporate)], tf),
            b.SecurityGroup(EuWest1, euwMain, "windows-jump-rdp", "RDP to the Windows jump host",
                [Rules.Tcp(3389, Corporate, "::/0")], Tags(("ManagedBy", "manual"), ("Note", "IPv6 rule added during an outage"))),

            // eu-central-1
            b.DefaultSecurityGroup(EuCentral1, eucMain),
            b.SecurityGroup(EuCentral1, eucMain, "edi-sftp-public", "SFTP for EDI partners",
                [Rules.Tcp(22, "0.0.0.0/0")], Tags(("ManagedBy", "manual"), ("Owner", "integrations"))),
            b.SecurityGroup(EuCentral1, eucMain, "route-optimizer-workers", "Route optimizer worker fleet",
                [Rules.TcpRange(1024, 65535, "10.40.0.0/16")], tf),
            b.SecurityGroup(EuCentral1, eucMain, "launch-wizard-3", "launch-wizard-3 created by the console",
                [Rules.AllTraffic("0.0.0.0/0")]),
            b.SecurityGroup(EuCentral1, eucMain, "license-server", "FlexLM license server",
                [Rules.TcpRange(27000, 27009, "10.0.0.0/8"), Rules.Udp(27000, "10.0.0.0/8")], Tags(("ManagedBy", "manual"))),

            // ap-southeast-2
            b.DefaultSecurityGroup(ApSoutheast2, apsMain),
            b.SecurityGroup(ApSoutheast2, apsMain, "backup-agent-https", "Backup agent API",
                [Rules.Tcp(443, "0.0.0.0/0")], tf),
            b.SecurityGroup(ApSoutheast2, apsMain, "temp-debug-allow-all", "TEMP debugging restore job - remove!",
                [Rules.AllTraffic("0.0.0.0/0", "::/0")], Tags(("ManagedBy", "manual"), ("CreatedBy", "kari.nordvik"))),
        ];

        Ec2Instance[] instances =
        [
            // us-east-1
            b.Instance(UsEast1, useMain, "bastion-legacy-use1", "t3.micro", "running", "optional", 1201, "platform", "manual", "bastion-ssm"),
            b.Instance(UsEast1, useMain, "ci-runner-01", "c6i.xlarge", "running", "required", 37, "ci", "terraform"),
            b.Instance(UsEast1, useMain, "ci-runner-02", "c6i.xlarge", "stopped", "required", 37, "ci", "terraform"),

            // eu-west-1
            b.Instance(EuWest1, euwMain, "ecs-capacity-euw1-a", "m6i.large", "running", "required", 12, "shipment-api", "terraform"),
            b.Instance(EuWest1, euwMain, "ecs-capacity-euw1-b", "m6i.large", "running", "required", 12, "shipment-api", "terraform"),
            b.Instance(EuWest1, euwMain, "ecs-capacity-euw1-c", "m6i.large", "running", "required", 5, "shipment-api", "terraform"),
            b.Instance(EuWest1, euwMain, "bastion-euw1", "t3.micro", "running", "required", 88, "platform", "terraform", "bastion-ssm"),
            b.Instance(EuWest1, euwMain, "windows-jump-euw1", "t3.large", "running", "optional", 733, "platform", "manual"),
            b.Instance(EuWest1, euwMain, "reporting-etl-worker", "r6i.large", "stopped", "optional", 512, "reporting", "cloudformation"),

            // eu-central-1
            b.Instance(EuCentral1, eucMain, "edi-sftp-gateway-01", "t3.medium", "running", "optional", 1460, "edi", "manual"),
            b.Instance(EuCentral1, eucMain, "route-optimizer-worker-01", "c6i.2xlarge", "running", "required", 19, "route-optimizer", "terraform", "route-optimizer-ec2"),
            b.Instance(EuCentral1, eucMain, "route-optimizer-worker-02", "c6i.2xlarge", "running", "required", 19, "route-optimizer", "terraform", "route-optimizer-ec2"),
            b.Instance(EuCentral1, eucMain, "route-optimizer-worker-old", "c5.2xlarge", "terminated", "optional", 401, "route-optimizer", "terraform"),
            b.Instance(EuCentral1, eucMain, "license-server-legacy", "t2.medium", "running", "optional", 2011, "route-optimizer", "manual", httpEndpoint: "disabled"),

            // ap-southeast-2: ec2:DescribeInstances is denied by an SCP, so nothing is known here (see the account's errors).
        ];

        return new Ec2Data
        {
            SecurityGroups = groups,
            Instances = instances,
            EbsEncryptionByDefault = new Dictionary<string, bool>(StringComparer.Ordinal)
            {
                [UsEast1] = true,
                [EuWest1] = true,
                [EuCentral1] = false,
                [ApSoutheast2] = true,
            },
        };
    }
}
