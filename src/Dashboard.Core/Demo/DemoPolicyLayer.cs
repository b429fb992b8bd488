using Dashboard.Core.Inventory;
using static Dashboard.Core.Demo.DemoBuilder;

namespace Dashboard.Core.Demo;

/// <summary>
/// The policy-heavy side of the demo accounts, layered on top of each account's inventory (it only appends, so it can run
/// after any other layer): EKS service-account roles, delegated IAM administration with and without a permissions boundary,
/// KMS keys shared inside and outside the organization, and Lambda functions with their execution roles and resource policies.
/// <para>
/// Production: the payments pods assume a role pinned to their service account, but the cluster autoscaler's role accepts
/// that name in any namespace; the platform team may create roles only under the workload boundary, while the data team's
/// bootstrap role creates roles with no boundary at all; a key for the freight partner's exchange bucket is shared with the
/// partner's account. Development: a thumbnailer function runs with the sandbox deploy policy and has a public function URL.
/// </para>
/// </summary>
internal static class DemoPolicyLayer
{
    private const string EuWest1 = "eu-west-1";
    private const string UsEast1 = "us-east-1";
    private const string FreightPartnerAccountId = "734512098765";
    private const string EksIssuer = "oidc.eks.eu-west-1.amazonaws.com/id/5C1D0E9F7A3B2C4D6E8F0A1B2C3D4E5F";
    private const string BoundaryName = "kelpline-workload-boundary";

    public static AccountInventory Prod(AccountInventory inventory, DateTimeOffset now)
    {
        var b = new DemoBuilder(inventory.AccountId, now);
        var account = inventory.AccountId;
        var boundaryArn = $"arn:aws:iam::{account}:policy/{BoundaryName}";
        IamRole[] roles =
        [
            b.Role(new RoleSpec("eks-payments-api", 200, IrsaTrust(account, "system:serviceaccount:payments:payments-api"))
            {
                InlinePolicies = [new InlinePolicy("payments-queue", """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                          "Resource": "arn:aws:sqs:eu-west-1:210987654321:payments-*"
                        }
                      ]
                    }
                    """)],
                LastUsedDaysAgo = 0, Tags = Tags(("Project", "payments")),
            }),
            b.Role(new RoleSpec("eks-cluster-autoscaler", 410, IrsaTrust(account, "system:serviceaccount:*:cluster-autoscaler"))
            {
                InlinePolicies = [new InlinePolicy("autoscaling", """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Action": ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
                          "Resource": "arn:aws:autoscaling:eu-west-1:210987654321:autoScalingGroup:*:autoScalingGroupName/eks-*"
                        }
                      ]
                    }
                    """)],
                LastUsedDaysAgo = 0, Tags = Tags(("Project", "platform"), ("Note", "copied from a blog post; any namespace may use the name")),
            }),
            b.Role(new RoleSpec("platform-iam-delegate", 300, DemoPolicies.AccountRootTrust(account))
            {
                InlinePolicies = [new InlinePolicy("create-workload-roles", $$$"""
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Sid": "CreateWithBoundary",
                          "Effect": "Allow",
                          "Action": ["iam:CreateRole", "iam:PutRolePermissionsBoundary", "iam:AttachRolePolicy", "iam:PutRolePolicy"],
                          "Resource": "arn:aws:iam::{{{account}}}:role/workloads/*",
                          "Condition": {"StringEquals": {"iam:PermissionsBoundary": "{{{boundaryArn}}}"}}
                        },
                        {
                          "Sid": "NoBoundaryRemoval",
                          "Effect": "Deny",
                          "Action": ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
                          "Resource": "*"
                        }
                      ]
                    }
                    """)],
                LastUsedDaysAgo = 4, Tags = Tags(("Owner", "platform")),
            }) with { PermissionsBoundaryArn = boundaryArn },
            b.Role(new RoleSpec("data-team-bootstrap", 520, DemoPolicies.AccountRootTrust(account))
            {
                InlinePolicies = [new InlinePolicy("bootstrap", """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Sid": "CreatePipelineRoles",
                          "Effect": "Allow",
                          "Action": ["iam:CreateRole", "iam:AttachRolePolicy", "iam:PassRole", "glue:*"],
                          "Resource": "*"
                        }
                      ]
                    }
                    """)],
                LastUsedDaysAgo = 40, Tags = Tags(("Owner", "datalake"), ("Note", "temporary, for the data lake migration")),
            }),
        ];

        var boundary = new IamManagedPolicy
        {
            PolicyName = BoundaryName,
            Arn = boundaryArn,
            DefaultVersionDocument = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "WorkloadServices",
                      "Effect": "Allow",
                      "Action": ["s3:GetObject", "s3:PutObject", "sqs:SendMessage", "sqs:ReceiveMessage", "dynamodb:GetItem", "dynamodb:PutItem", "logs:PutLogEvents"],
                      "Resource": "*"
                    }
                  ]
                }
                """,
        };

        var iam = inventory.Iam with
        {
            Roles = [.. inventory.Iam.Roles, .. roles],
            Policies = [.. inventory.Iam.Policies, boundary],
            OidcProviders =
            [
                .. inventory.Iam.OidcProviders,
                new OidcProvider { Arn = $"arn:aws:iam::{account}:oidc-provider/{EksIssuer}", Url = EksIssuer, ClientIds = ["sts.amazonaws.com"] },
            ],
        };

        return inventory with
        {
            Iam = iam with { AccountSummary = WithCounts(inventory.Iam.AccountSummary, iam) },
            Kms = inventory.Kms with
            {
                Keys =
                [
                    .. inventory.Kms.Keys,
                    Key(b, EuWest1, "freight-partner-exchange", $$$"""
                        {
                          "Sid": "PartnerDecrypt",
                          "Effect": "Allow",
                          "Principal": {"AWS": "arn:aws:iam::{{{FreightPartnerAccountId}}}:root"},
                          "Action": ["kms:Decrypt", "kms:DescribeKey"],
                          "Resource": "*"
                        }
                        """),
                    Key(b, EuWest1, "shared-logs", $$$"""
                        {
                          "Sid": "AnyRoleOfThisAccountThroughCloudWatchLogs",
                          "Effect": "Allow",
                          "Principal": {"AWS": "*"},
                          "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
                          "Resource": "*",
                          "Condition": {"StringEquals": {"kms:CallerAccount": "{{{account}}}", "kms:ViaService": "logs.eu-west-1.amazonaws.com"}}
                        }
                        """),
                ],
            },
            Lambda = inventory.Lambda with
            {
                Functions =
                [
                    .. inventory.Lambda.Functions,
                    Function(b, EuWest1, "invoice-renderer", "invoice-renderer-lambda", "nodejs22.x", $$$"""
                        {"Version": "2012-10-17", "Id": "default", "Statement": [{
                          "Sid": "s3-invoke", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction",
                          "Resource": "arn:aws:lambda:eu-west-1:{{{account}}}:function:invoice-renderer",
                          "Condition": {"StringEquals": {"AWS:SourceAccount": "{{{account}}}"}, "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::kelpline-prod-invoices"}}
                        }]}
                        """),
                    Function(b, EuWest1, "edi-parser", "edi-parser-lambda", "python3.13", policy: null),
                ],
            },
        };
    }

    public static AccountInventory Dev(AccountInventory inventory, DateTimeOffset now)
    {
        var b = new DemoBuilder(inventory.AccountId, now);
        var account = inventory.AccountId;
        return inventory with
        {
            Lambda = inventory.Lambda with
            {
                Functions =
                [
                    .. inventory.Lambda.Functions,
                    Function(b, UsEast1, "sandbox-thumbnailer", "dev-lambda-exec", "python3.12", $$$"""
                        {"Version": "2012-10-17", "Id": "default", "Statement": [{
                          "Sid": "FunctionURLAllowPublicAccess", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl",
                          "Resource": "arn:aws:lambda:us-east-1:{{{account}}}:function:sandbox-thumbnailer",
                          "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}
                        }]}
                        """),
                ],
            },
        };
    }

    /// <summary>The account summary with the role, policy and provider counts this layer changed brought up to date.</summary>
    private static Dictionary<string, int>? WithCounts(IReadOnlyDictionary<string, int>? summary, IamData iam)
    {
        if (summary is null)
        {
            return null;
        }

        var updated = new Dictionary<string, int>(summary, StringComparer.Ordinal)
        {
            ["Roles"] = iam.Roles.Count,
            ["Policies"] = iam.Policies.Count(p => !p.IsAwsManaged),
            ["Providers"] = iam.OidcProviders.Count + iam.SamlProviderArns.Count,
        };
        return updated;
    }

    private static string IrsaTrust(string account, string serviceAccount) => $$$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {"Federated": "arn:aws:iam::{{{account}}}:oidc-provider/{{{EksIssuer}}}"},
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {
                "StringEquals": {"{{{EksIssuer}}}:aud": "sts.amazonaws.com"},
                "StringLike": {"{{{EksIssuer}}}:sub": "{{{serviceAccount}}}"}
              }
            }
          ]
        }
        """;

    /// <summary>A customer key whose policy is the account-root statement plus <paramref name="extraStatement"/>.</summary>
    private static KmsKey Key(DemoBuilder b, string region, string alias, string extraStatement)
    {
        var arn = b.KmsKeyArn(region, alias);
        return new KmsKey
        {
            KeyId = arn[(arn.LastIndexOf('/') + 1)..],
            Arn = arn,
            Region = region,
            Description = alias,
            KeyRotationEnabled = true,
            Policy = $$$"""
                {
                  "Version": "2012-10-17",
                  "Id": "key-policy-{{{alias}}}",
                  "Statement": [
                    {
                      "Sid": "Enable IAM User Permissions",
                      "Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::{{{b.AccountId}}}:root"},
                      "Action": "kms:*",
                      "Resource": "*"
                    },
                    {{{extraStatement}}}
                  ]
                }
                """,
            Tags = Tags(("ManagedBy", "terraform")),
        };
    }

    private static LambdaFunction Function(DemoBuilder b, string region, string name, string roleName, string runtime, string? policy) => new()
    {
        FunctionName = name,
        FunctionArn = $"arn:aws:lambda:{region}:{b.AccountId}:function:{name}",
        Region = region,
        Runtime = runtime,
        Role = $"arn:aws:iam::{b.AccountId}:role/{roleName}",
        Policy = policy,
        Tags = Tags(("ManagedBy", "terraform")),
    };
}
