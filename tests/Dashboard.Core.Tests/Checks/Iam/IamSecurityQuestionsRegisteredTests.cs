using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamSecurityQuestionsRegisteredTests
{
    private static AccountInventory WithRootPassword(int present) => TestInventory.Empty() with
    {
        Iam = new IamData { AccountSummary = new Dictionary<string, int> { ["AccountPasswordPresent"] = present } },
    };

    [Fact]
    public void Evaluate_AlwaysReturnsManualWithRootPasswordEvidence()
    {
        var result = Assert.Single(new IamSecurityQuestionsRegistered().Run(WithRootPassword(1)));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
        Assert.Equal("1", result.Evidence["AccountPasswordPresent"]);
    }

    [Fact]
    public void Evaluate_RootWithoutPassword_SaysSoInTheReason()
    {
        var result = Assert.Single(new IamSecurityQuestionsRegistered().Run(WithRootPassword(0)));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Contains("no password", result.Reason);
    }

    [Fact]
    public void Evaluate_AccountSummaryDenied_ReturnsError()
    {
        var inventory = WithRootPassword(1) with { Errors = [TestInventory.AccessDenied("iam", "GetAccountSummary")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamSecurityQuestionsRegistered().Run(inventory)).Status);
    }

    [Fact]
    public void Metadata_IsMarkedForManualReview()
    {
        Assert.True(new IamSecurityQuestionsRegistered().Metadata.ManualReview);
    }
}
