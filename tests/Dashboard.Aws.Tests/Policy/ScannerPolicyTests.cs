using Dashboard.Aws.Collectors;
using Dashboard.Aws.Policy;

namespace Dashboard.Aws.Tests.Policy;

public sealed class ScannerPolicyTests
{
    private const string Regenerate =
        "regenerate with: dotnet run --project src/Dashboard.Cli -- policy --format json > docs/scanner-iam-policy.json "
        + "(and --format cloudformation > docs/scanner-role.cloudformation.yaml, --format terraform > docs/scanner-role.tf)";

    public static TheoryData<string, string> ShippedFiles => new()
    {
        { "docs/scanner-iam-policy.json", "json" },
        { "docs/scanner-role.cloudformation.yaml", "cloudformation" },
        { "docs/scanner-role.tf", "terraform" },
    };

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void ShippedFile_EqualsTheGeneratedOne(string path, string format)
    {
        var generated = format switch
        {
            "json" => ScannerPolicy.Json(),
            "cloudformation" => ScannerPolicy.CloudFormation(),
            _ => ScannerPolicy.Terraform(),
        };

        var shipped = File.ReadAllText(Path.Combine(RepositoryRoot(), path));

        Assert.True(shipped == generated, $"{path} differs from the generated policy; {Regenerate}");
    }

    [Fact]
    public void Policy_HasZeroWriteActions()
    {
        var writes = ScannerPolicy.Actions.Where(a => !ScannerPolicy.IsReadOnly(a)).ToList();

        Assert.Empty(writes);
        Assert.All(ScannerPolicy.ReadOnlyExceptions, e => Assert.Contains(e.Key, ScannerPolicy.Actions));
    }

    [Theory]
    [InlineData("s3:PutBucketPolicy")]
    [InlineData("iam:CreateUser")]
    [InlineData("securityhub:BatchImportFindings")]
    [InlineData("kms:Decrypt")]
    public void IsReadOnly_RejectsWrites(string action) => Assert.False(ScannerPolicy.IsReadOnly(action));

    [Fact]
    public void EveryCollector_DeclaresWellFormedActions()
    {
        Assert.All(CollectorCatalog.All, c =>
        {
            Assert.NotEmpty(c.IamActions);
            Assert.All(c.IamActions, a => Assert.Matches("^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$", a));
        });
        Assert.Contains("sts:GetCallerIdentity", ScannerPolicy.Actions);
        Assert.Contains("ec2:DescribeRegions", ScannerPolicy.Actions);
    }

    [Fact]
    public void RoleTemplates_RequireTheExternalId_AndPinTheTrustedPrincipal()
    {
        var cloudFormation = ScannerPolicy.CloudFormation();
        var terraform = ScannerPolicy.Terraform();

        Assert.Contains("sts:ExternalId: !Ref ExternalId", cloudFormation, StringComparison.Ordinal);
        Assert.Contains("AWS: !Ref TrustedPrincipalArn", cloudFormation, StringComparison.Ordinal);
        Assert.Contains("MinLength: 2", cloudFormation, StringComparison.Ordinal);
        Assert.Contains("\"sts:ExternalId\" = var.external_id", terraform, StringComparison.Ordinal);
        Assert.Contains("AWS = var.trusted_principal_arn", terraform, StringComparison.Ordinal);
        Assert.All(ScannerPolicy.Actions, a => Assert.Contains(a, cloudFormation, StringComparison.Ordinal));
        Assert.All(ScannerPolicy.Actions, a => Assert.Contains($"\"{a}\"", terraform, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
