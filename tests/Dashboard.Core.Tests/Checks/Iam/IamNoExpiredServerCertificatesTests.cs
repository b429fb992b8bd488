using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamNoExpiredServerCertificatesTests
{
    private static ServerCertificate Certificate(string name, DateTimeOffset? expiration) =>
        new(name, $"arn:aws:iam::123456789012:server-certificate/{name}", expiration, TestInventory.Now.AddDays(-400));

    private static IReadOnlyList<CheckResult> Run(params ServerCertificate[] certificates) =>
        new IamNoExpiredServerCertificates().Run(TestInventory.Empty() with { Iam = new IamData { ServerCertificates = certificates } });

    [Fact]
    public void Evaluate_ValidCertificate_ReturnsPass()
    {
        var result = Assert.Single(Run(Certificate("portal-2027", TestInventory.Now.AddDays(200))));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("portal-2027", result.ResourceId);
        Assert.Equal("arn:aws:iam::123456789012:server-certificate/portal-2027", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_ExpiredCertificate_ReturnsFail()
    {
        var result = Assert.Single(Run(Certificate("portal-2024", TestInventory.Now.AddDays(-30))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("certificate expired 30 days ago", result.Reason);
    }

    [Fact]
    public void Evaluate_UnknownExpiration_ReturnsError()
    {
        Assert.Equal(ResultStatus.Error, Assert.Single(Run(Certificate("odd", null))).Status);
    }

    [Fact]
    public void Evaluate_NoCertificates_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run()).Status);
    }

    [Fact]
    public void Evaluate_ListDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "ListServerCertificates")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamNoExpiredServerCertificates().Run(inventory)).Status);
    }
}
