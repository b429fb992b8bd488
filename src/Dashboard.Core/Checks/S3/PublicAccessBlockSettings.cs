using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.S3;

/// <summary>Names and describes the four Block Public Access settings, shared by the account and bucket checks.</summary>
internal static class PublicAccessBlockSettings
{
    public static IReadOnlyList<string> Disabled(PublicAccessBlock block) =>
        Settings(block).Where(s => !s.Enabled).Select(s => s.Name).ToList();

    /// <summary>Each setting on if it is on in either block, as S3 applies the stricter of account and bucket.</summary>
    public static PublicAccessBlock Combine(PublicAccessBlock a, PublicAccessBlock b) => new(
        a.BlockPublicAcls || b.BlockPublicAcls,
        a.IgnorePublicAcls || b.IgnorePublicAcls,
        a.BlockPublicPolicy || b.BlockPublicPolicy,
        a.RestrictPublicBuckets || b.RestrictPublicBuckets);

    /// <summary>Evidence text: "not configured" for null, otherwise e.g. "BlockPublicAcls=true, IgnorePublicAcls=false, ...".</summary>
    public static string Describe(PublicAccessBlock? block) =>
        block is null
            ? "not configured"
            : string.Join(", ", Settings(block).Select(s => $"{s.Name}={(s.Enabled ? "true" : "false")}"));

    private static (string Name, bool Enabled)[] Settings(PublicAccessBlock block) =>
    [
        (nameof(PublicAccessBlock.BlockPublicAcls), block.BlockPublicAcls),
        (nameof(PublicAccessBlock.IgnorePublicAcls), block.IgnorePublicAcls),
        (nameof(PublicAccessBlock.BlockPublicPolicy), block.BlockPublicPolicy),
        (nameof(PublicAccessBlock.RestrictPublicBuckets), block.RestrictPublicBuckets),
    ];
}
