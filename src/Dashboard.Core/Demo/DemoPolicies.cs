using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Core.Demo;

/// <summary>Policy documents of the demo organisation, as JSON text (the form the collector stores after URL-decoding).</summary>
internal static class DemoPolicies
{
    public const string GitHubIssuer = "token.actions.githubusercontent.com";
    public const string GitHubSub = GitHubIssuer + ":sub";
    public const string GitHubAud = GitHubIssuer + ":aud";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // ---- trust policies -----------------------------------------------------------------------------------

    public static string ServiceTrust(string service) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {
                "Service": "{{service}}"
              },
              "Action": "sts:AssumeRole"
            }
          ]
        }
        """;

    /// <summary>Trust for the role that Organizations created in a member account: the management account's root.</summary>
    public static string AccountRootTrust(string trustedAccountId) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::{{trustedAccountId}}:root"
              },
              "Action": "sts:AssumeRole"
            }
          ]
        }
        """;

    /// <summary>Cross-account trust for one role of another account, pinned with an external id.</summary>
    public static string CrossAccountRoleTrust(string trustedRoleArn, string externalId) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": {
                "AWS": "{{trustedRoleArn}}"
              },
              "Action": "sts:AssumeRole",
              "Condition": {
                "StringEquals": {
                  "sts:ExternalId": "{{externalId}}"
                }
              }
            }
          ]
        }
        """;

    /// <summary>A GitHub Actions OIDC trust policy with the given Condition block (built as JSON so it is always valid).</summary>
    public static string GitHubTrust(string accountId, JsonObject condition)
    {
        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Federated"] = $"arn:aws:iam::{accountId}:oidc-provider/{GitHubIssuer}" },
            ["Action"] = "sts:AssumeRoleWithWebIdentity",
        };
        if (condition.Count > 0)
        {
            statement["Condition"] = condition;
        }

        var document = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(statement),
        };
        return document.ToJsonString(Indented);
    }

    /// <summary>The recommended shape: StringEquals on aud = sts.amazonaws.com and on a sub that pins owner, repo and ref/environment.</summary>
    public static string GitHubTrustPinned(string accountId, string sub) =>
        GitHubTrust(accountId, new JsonObject
        {
            ["StringEquals"] = new JsonObject
            {
                [GitHubAud] = "sts.amazonaws.com",
                [GitHubSub] = sub,
            },
        });

    // ---- AWS-managed policies (documents shortened where AWS's are long) --------------------------------

    public const string AdministratorAccess = """
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
        """;

    public const string AwsLambdaBasicExecutionRole = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": [
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents"
              ],
              "Resource": "*"
            }
          ]
        }
        """;

    public const string AmazonEcsTaskExecutionRolePolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": [
                "ecr:GetAuthorizationToken",
                "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage",
                "logs:CreateLogStream",
                "logs:PutLogEvents"
              ],
              "Resource": "*"
            }
          ]
        }
        """;

    public const string AmazonSsmManagedInstanceCore = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": [
                "ssm:DescribeAssociation",
                "ssm:GetDeployablePatchSnapshotForInstance",
                "ssm:GetDocument",
                "ssm:DescribeDocument",
                "ssm:GetManifest",
                "ssm:GetParameter",
                "ssm:GetParameters",
                "ssm:ListAssociations",
                "ssm:ListInstanceAssociations",
                "ssm:PutInventory",
                "ssm:PutComplianceItems",
                "ssm:PutConfigurePackageResult",
                "ssm:UpdateAssociationStatus",
                "ssm:UpdateInstanceAssociationStatus",
                "ssm:UpdateInstanceInformation"
              ],
              "Resource": "*"
            },
            {
              "Effect": "Allow",
              "Action": [
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel"
              ],
              "Resource": "*"
            },
            {
              "Effect": "Allow",
              "Action": [
                "ec2messages:AcknowledgeMessage",
                "ec2messages:DeleteMessage",
                "ec2messages:FailMessage",
                "ec2messages:GetEndpoint",
                "ec2messages:GetMessages",
                "ec2messages:SendReply"
              ],
              "Resource": "*"
            }
          ]
        }
        """;

    /// <summary>Shortened: the real policy lists many more read-only actions.</summary>
    public const string AwsSupportServiceRolePolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AWSSupportServiceRolePermissions",
              "Effect": "Allow",
              "Action": [
                "cloudtrail:DescribeTrails",
                "ec2:DescribeInstances",
                "ec2:DescribeSecurityGroups",
                "iam:GetAccountSummary",
                "s3:GetBucketLocation",
                "support:*"
              ],
              "Resource": "*"
            }
          ]
        }
        """;

    // ---- shared customer-managed documents ----------------------------------------------------------------

    public static string PostureScannerReadOnly() => """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "PostureDashboardReadOnly",
              "Effect": "Allow",
              "Action": [
                "iam:GenerateCredentialReport",
                "iam:GetCredentialReport",
                "iam:GetAccountSummary",
                "iam:GetAccountPasswordPolicy",
                "iam:GetAccountAuthorizationDetails",
                "iam:ListOpenIDConnectProviders",
                "iam:GetOpenIDConnectProvider",
                "s3:ListAllMyBuckets",
                "s3:GetBucketLocation",
                "s3:GetAccountPublicAccessBlock",
                "s3:GetBucketPublicAccessBlock",
                "s3:GetEncryptionConfiguration",
                "s3:GetBucketPolicy",
                "s3:GetBucketPolicyStatus",
                "s3:GetBucketVersioning",
                "s3:GetBucketTagging",
                "cloudtrail:DescribeTrails",
                "cloudtrail:GetTrailStatus",
                "cloudtrail:GetEventSelectors",
                "ec2:DescribeRegions",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeInstances",
                "ec2:GetEbsEncryptionByDefault"
              ],
              "Resource": "*"
            }
          ]
        }
        """;

    /// <summary>Denies plain-HTTP access to a bucket (CIS 2.1.1).</summary>
    public static string TlsOnlyStatement(string bucket) => $$"""
            {
              "Sid": "DenyInsecureTransport",
              "Effect": "Deny",
              "Principal": "*",
              "Action": "s3:*",
              "Resource": [
                "arn:aws:s3:::{{bucket}}",
                "arn:aws:s3:::{{bucket}}/*"
              ],
              "Condition": {
                "Bool": {
                  "aws:SecureTransport": "false"
                }
              }
            }
        """;

    public static string TlsOnlyBucketPolicy(string bucket) => BucketPolicy(TlsOnlyStatement(bucket));

    /// <summary>Wraps statements (each already JSON text) into a bucket policy document.</summary>
    public static string BucketPolicy(params string[] statements) =>
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + string.Join(",\n", statements.Select(s => s.TrimEnd())) + "\n  ]\n}";
}
