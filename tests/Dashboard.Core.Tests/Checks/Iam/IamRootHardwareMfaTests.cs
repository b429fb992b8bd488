using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamRootHardwareMfaTests
{
    private const string RootArn = "arn:aws:iam::123456789012:root";

    private static AccountInventory With(int mfa, int password, params VirtualMfaDevice[] devices) => TestInventory.Empty() with
    {
        Iam = new IamData
        {
            AccountSummary = new Dictionary<string, int> { ["AccountMFAEnabled"] = mfa, ["AccountPasswordPresent"] = password },
            VirtualMfaDevices = devices,
        },
    };

    private static CheckResult RunSingle(AccountInventory inventory) => Assert.Single(new IamRootHardwareMfa().Run(inventory));

    [Fact]
    public void Evaluate_MfaWithoutVirtualDevice_ReturnsPass()
    {
        var userDevice = new VirtualMfaDevice("arn:aws:iam::123456789012:mfa/alice", "arn:aws:iam::123456789012:user/alice", TestInventory.Now);

        var result = RunSingle(With(mfa: 1, password: 1, userDevice));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("root", result.ResourceId);
        Assert.Equal(RootArn, result.ResourceArn);
    }

    [Fact]
    public void Evaluate_VirtualDeviceAssignedToRoot_ReturnsFail()
    {
        var rootDevice = new VirtualMfaDevice("arn:aws:iam::123456789012:mfa/root-account-mfa-device", RootArn, TestInventory.Now);

        var result = RunSingle(With(mfa: 1, password: 1, rootDevice));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("virtual device", result.Reason);
        Assert.Equal(rootDevice.SerialNumber, result.Evidence["rootVirtualMfaDevice"]);
    }

    [Fact]
    public void Evaluate_RootDeviceRecognisedBySerialWhenUserArnMissing_ReturnsFail()
    {
        var rootDevice = new VirtualMfaDevice("arn:aws:iam::123456789012:mfa/root-account-mfa-device", null, null);

        Assert.Equal(ResultStatus.Fail, RunSingle(With(mfa: 1, password: 1, rootDevice)).Status);
    }

    [Fact]
    public void Evaluate_PasswordWithoutMfa_ReturnsFail()
    {
        var result = RunSingle(With(mfa: 0, password: 1));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no MFA device", result.Reason);
    }

    [Fact]
    public void Evaluate_NoRootPassword_ReturnsPassEvenWithoutMfa()
    {
        var result = RunSingle(With(mfa: 0, password: 0));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_VirtualDeviceListDenied_ReturnsError()
    {
        var inventory = With(mfa: 1, password: 1) with { Errors = [TestInventory.AccessDenied("iam", "ListVirtualMFADevices")] };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("iam:ListVirtualMFADevices", result.Reason);
    }

    [Fact]
    public void Evaluate_AccountSummaryDenied_ReturnsError()
    {
        var inventory = With(mfa: 1, password: 1) with { Errors = [TestInventory.AccessDenied("iam", "GetAccountSummary")] };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }
}
