using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Organizations;
using Dashboard.Core.Inventory;
using static Dashboard.Core.Tests.Checks.Organizations.OrgTestData;

namespace Dashboard.Core.Tests.Checks.Organizations;

public class OrgManagementAccountNoWorkloadsTests
{
    private static CheckResult RunSingle(AccountInventory inventory) => Assert.Single(new OrgManagementAccountNoWorkloads().Run(inventory));

    [Fact]
    public void Evaluate_ManagementAccountWithInstances_ReturnsFail()
    {
        var instance = new Ec2Instance { InstanceId = "i-0123456789abcdef0", Region = "us-east-1", State = "running" };
        var inventory = Scanned(Organization()) with { Ec2 = new Ec2Data { Instances = [instance] } };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(Management, result.ResourceId);
        Assert.Equal("the management account runs 1 EC2 instances", result.Reason);
    }

    [Fact]
    public void Evaluate_ManagementAccountWithoutWorkloads_ReturnsManual()
    {
        var terminated = new Ec2Instance { InstanceId = "i-0123456789abcdef0", Region = "us-east-1", State = "terminated" };

        var result = RunSingle(Scanned(Organization()) with { Ec2 = new Ec2Data { Instances = [terminated] } });

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("0", result.Evidence["EC2instances"]);
    }

    [Fact]
    public void Evaluate_RegionalErrorsAreListedAsEvidence()
    {
        var inventory = Scanned(Organization()) with { Errors = [TestInventory.AccessDenied("ec2", "DescribeInstances", "eu-west-1")] };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal("ec2:DescribeInstances in eu-west-1", result.Evidence["uncollectedRegions"]);
    }

    [Fact]
    public void Evaluate_DelegatedAdministratorView_ReturnsManualNamingTheManagementAccount()
    {
        var result = RunSingle(Scanned(Organization(), Security));

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Equal(Management, result.ResourceId);
        Assert.Contains("management (111111111111)", result.Reason);
    }

    [Fact]
    public void Evaluate_DescribeOrganizationDenied_ReturnsError()
    {
        var inventory = Scanned(null) with { Errors = [TestInventory.AccessDenied("organizations", "DescribeOrganization")] };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }
}
