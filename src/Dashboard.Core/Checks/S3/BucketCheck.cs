using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.S3;

/// <summary>
/// Base for checks that judge each bucket on its own settings: a failed ListBuckets is an Error, an account without
/// buckets is one NotApplicable, and a bucket whose own calls (every data source but ListBuckets) failed is an Error.
/// </summary>
public abstract class BucketCheck : Check
{
    public sealed override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (context.FirstError(Sources.S3ListBuckets) is { } listError)
        {
            yield return Error(Regions.Global, "buckets", null, listError);
        }
        else if (inventory.S3.Buckets.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no S3 buckets");
            yield break;
        }

        var bucketSources = Metadata.DataSources.Where(s => s != Sources.S3ListBuckets).ToList();
        foreach (var bucket in inventory.S3.Buckets)
        {
            var arn = bucket.Arn(inventory.Partition);
            var error = bucketSources.Select(s => context.ErrorAbout(s, bucket.Name) ?? RegionError(context, s, bucket.Region)).FirstOrDefault(e => e is not null);
            yield return error is not null ? Error(bucket.Region, bucket.Name, arn, error) : Judge(context, bucket, arn);
        }
    }

    /// <summary>The verdict for one bucket whose data was collected.</summary>
    protected abstract CheckResult Judge(EvaluationContext context, S3Bucket bucket, string arn);

    /// <summary>A failed call in the bucket's region that was about no particular bucket.</summary>
    private static CollectionError? RegionError(EvaluationContext context, DataSource source, string region) =>
        context.Inventory.Errors.FirstOrDefault(e => source.Produced(e) && e.ResourceId is null && string.Equals(e.Region, region, StringComparison.Ordinal));
}
