using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Rds;

/// <summary>Shared builders for the RDS check tests.</summary>
internal static class RdsTestData
{
    public static RdsInstance Instance(string id, string region = "eu-west-1") => new()
    {
        DbInstanceIdentifier = id,
        Arn = $"arn:aws:rds:{region}:123456789012:db:{id}",
        Region = region,
        Engine = "postgres",
    };

    public static AccountInventory With(params RdsInstance[] instances) => TestInventory.Empty() with { Rds = new RdsData { Instances = instances } };

    public static CollectionError DescribeDenied(string region) => TestInventory.AccessDenied("rds", "DescribeDBInstances", region);
}
