using Dashboard.Core.Checks;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests;

/// <summary>Small builder helpers: an empty, error-free inventory to modify with `with { ... }`.</summary>
public static class TestInventory
{
    public const string AccountId = "123456789012";
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static AccountInventory Empty(params string[] regions) => new()
    {
        AccountId = AccountId,
        CollectedAt = Now,
        Regions = regions.Length == 0 ? ["us-east-1", "eu-west-1"] : regions,
    };

    public static CollectionError AccessDenied(string service, string operation, string region = Regions.Global, string? resourceId = null) =>
        new(service, region, operation, "AccessDenied", "User is not authorized to perform this action", resourceId);

    public static IReadOnlyList<CheckResult> Run(this Check check, AccountInventory inventory) =>
        check.Evaluate(new EvaluationContext(inventory, Now)).ToList();
}
