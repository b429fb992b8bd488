namespace Dashboard.Aws.Access;

/// <summary>An Amazon Resource Name: arn:partition:service:region:account-id:resource.</summary>
public sealed record Arn(string Partition, string Service, string Region, string AccountId, string Resource)
{
    public static readonly IReadOnlyList<string> KnownPartitions = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

    /// <summary>Parses an ARN; the resource part may itself contain ':' and '/'.</summary>
    public static bool TryParse(string? text, out Arn arn)
    {
        arn = null!;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }

        arn = new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    public static Arn Parse(string text) =>
        TryParse(text, out var arn) ? arn : throw new FormatException($"not an ARN: '{text}'");

    /// <summary>The partition a region belongs to (cn-* → aws-cn, us-gov-* → aws-us-gov, else aws).</summary>
    public static string PartitionOfRegion(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{AccountId}:{Resource}";
}
