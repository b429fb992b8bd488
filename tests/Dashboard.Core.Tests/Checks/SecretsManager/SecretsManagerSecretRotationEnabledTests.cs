using Dashboard.Core.Checks;
using Dashboard.Core.Checks.SecretsManager;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.SecretsManager;

public class SecretsManagerSecretRotationEnabledTests
{
    private static Secret Secret(bool rotation, int? interval, int? lastRotatedDaysAgo, int createdDaysAgo = 400) => new()
    {
        Name = "prod/db", Arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf", Region = "eu-west-1",
        RotationEnabled = rotation, RotationIntervalDays = interval,
        LastRotatedDate = lastRotatedDaysAgo is { } d ? TestInventory.Now.AddDays(-d) : null,
        CreatedDate = TestInventory.Now.AddDays(-createdDaysAgo),
    };

    private static CheckResult RunSingle(Secret secret, CheckSettings? settings = null)
    {
        var inventory = TestInventory.Empty() with { SecretsManager = new SecretsManagerData { Secrets = [secret] } };
        return Assert.Single(new SecretsManagerSecretRotationEnabled().Evaluate(new EvaluationContext(inventory, TestInventory.Now) { Settings = settings ?? new CheckSettings() }));
    }

    [Fact]
    public void Evaluate_RotatingOnSchedule_ReturnsPass()
    {
        var result = RunSingle(Secret(true, 30, 12));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("prod/db", result.ResourceId);
        Assert.Equal("the secret rotates automatically every 30 days", result.Reason);
    }

    [Fact]
    public void Evaluate_RotationOff_ReturnsFail()
    {
        var result = RunSingle(Secret(false, null, null));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("automatic rotation is off", result.Reason);
    }

    [Fact]
    public void Evaluate_IntervalLongerThanAllowed_ReturnsFail()
    {
        var result = RunSingle(Secret(true, 180, 10));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("every 180 days, more than the allowed 90", result.Reason);
    }

    [Fact]
    public void Evaluate_RotationOnButOverdue_ReturnsFail()
    {
        var result = RunSingle(Secret(true, 30, 140));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("last rotated 140 days ago", result.Reason);
    }

    [Fact]
    public void Evaluate_RotationOnNeverRotatedOldSecret_ReturnsFail()
    {
        Assert.Contains("set at creation 400 days ago", RunSingle(Secret(true, 30, null)).Reason);
    }

    [Fact]
    public void Evaluate_CustomMaximum_IsHonoured()
    {
        Assert.Equal(ResultStatus.Fail, RunSingle(Secret(true, 60, 10), new CheckSettings { SecretRotationMaxDays = 45 }).Status);
    }

    [Fact]
    public void Evaluate_ServiceOwnedSecretWithoutRotation_ReturnsManual()
    {
        var result = RunSingle(Secret(false, null, null) with { OwningService = "rds" });

        Assert.Equal(ResultStatus.Manual, result.Status);
        Assert.Contains("managed by rds", result.Reason);
    }

    [Fact]
    public void Evaluate_NoSecrets_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new SecretsManagerSecretRotationEnabled().Run(TestInventory.Empty())).Status);
    }

    [Fact]
    public void Evaluate_ListSecretsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("secretsmanager", "ListSecrets", "eu-west-1")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new SecretsManagerSecretRotationEnabled().Run(inventory)).Status);
    }
}
