using Dashboard.Core.Inventory;
using FakeAws;
using FakeAws.Wire;

namespace Dashboard.Benchmarks;

/// <summary>
/// One line of the minimum: <paramref name="Count"/> calls of service:operation (signing name, as the fake counts them).
/// <paramref name="Depth"/> is the call's place in its chain of data dependencies (1 = needs nothing before it; a
/// call at depth d cannot start before d-1 answers have arrived one after the other). <paramref name="Chain"/> is how
/// many of these calls must follow each other (pages of one list). Region is "global" for global services.
/// </summary>
public sealed record MinimumCall(string Service, string Operation, string Region, int Count, int Depth, string Why, int Chain = 1)
{
    public string Key => $"{Service}:{Operation}";
}

/// <summary>
/// The fewest API calls that give the complete data our checks read, computed from a scenario account. Assumptions:
/// <list type="bullet">
/// <item>Every list call uses the API's largest page size (IAM MaxItems 1000, EC2 MaxResults 1000, S3 max-buckets
/// 10000, KMS Limit 1000, RDS MaxRecords 100, Lambda MaxItems 50, Secrets Manager 100, Organizations 20, ...), and a
/// list that fits one page still costs one call.</item>
/// <item>IAM comes from GetAccountAuthorizationDetails (users, groups, roles, every managed policy with every version
/// and inline policy in one paged list), not per-entity List/Get calls: ceil(entities / 1000) pages. The pages of one
/// filter follow each other; filters (roles, customer policies, the rest) can be paged side by side, so the chain is
/// the largest kind's page count.</item>
/// <item>The credential report costs GenerateCredentialReport twice (STARTED, then COMPLETE: the fake finishes on the
/// second call) and GetCredentialReport once.</item>
/// <item>Regional services are called once per enabled region; nothing in regions outside the account's enabled set.</item>
/// <item>S3: ListBuckets gives each bucket's region (no GetBucketLocation). Per bucket: policy, public access block,
/// encryption, versioning, logging, ownership controls, ACL and tags (8 calls), plus GetBucketPolicyStatus only when
/// the bucket has a policy (without one nothing can make it public through a policy).</item>
/// <item>Per-resource reads the checks need: KMS DescribeKey + GetKeyRotationStatus + GetKeyPolicy per key and
/// ListResourceTags per customer key; Lambda GetPolicy + ListTags per function; Secrets Manager GetResourcePolicy per
/// secret; GuardDuty GetDetector per detector; CloudTrail GetTrailStatus + GetEventSelectors per trail.</item>
/// <item>Monitoring: DescribeMetricFilters per trail log group, DescribeAlarms in each region holding one,
/// ListSubscriptionsByTopic per alarm topic. Log groups no trail delivers to are not read: no check needs them.</item>
/// <item>Calls the account answers with "not configured" (no password policy, Macie disabled, no hub) still count.</item>
/// </list>
/// </summary>
public static class MinimumCalls
{
    public static IReadOnlyList<MinimumCall> For(ScenarioAccount account)
    {
        var inv = account.Inventory;
        var regions = account.Enabled;
        var calls = new List<MinimumCall>();
        void Add(string service, string operation, string region, int count, int depth, string why, int chain = 1)
        {
            if (count > 0)
            {
                calls.Add(new MinimumCall(service, operation, region, count, depth, why, chain));
            }
        }

        const string G = "global";
        Add("sts", "GetCallerIdentity", G, 1, 1, "account id and partition");
        Add("ec2", "DescribeRegions", regions[0], 1, 2, "enabled regions");

        // IAM
        var iam = inv.Iam;
        var aws = iam.Policies.Count(p => p.IsAwsManaged);
        var entities = iam.Users.Count + iam.Groups.Count + iam.Roles.Count + iam.Policies.Count;
        var largestKind = new[] { iam.Users.Count + iam.Groups.Count + aws, iam.Roles.Count, iam.Policies.Count - aws }.Max();
        Add("iam", "GetAccountAuthorizationDetails", G, Pages(entities, 1000), 2, $"{entities:N0} entities / 1000 per page", Pages(largestKind, 1000));
        Add("iam", "GenerateCredentialReport", G, 2, 2, "STARTED, then COMPLETE", 2);
        Add("iam", "GetCredentialReport", G, 1, 4, "after COMPLETE");
        Add("iam", "GetAccountPasswordPolicy", G, 1, 2, "one per account");
        Add("iam", "GetAccountSummary", G, 1, 2, "one per account");
        Add("iam", "ListVirtualMFADevices", G, Pages(iam.VirtualMfaDevices.Count, 1000), 2, "MaxItems 1000");
        Add("iam", "ListSAMLProviders", G, 1, 2, "not paged");
        Add("iam", "ListOpenIDConnectProviders", G, 1, 2, "not paged");
        Add("iam", "GetOpenIDConnectProvider", G, iam.OidcProviders.Count, 3, "per provider");
        Add("iam", "ListServerCertificates", G, Pages(iam.ServerCertificates.Count, 1000), 2, "MaxItems 1000");
        Add("iam", "ListAccountAliases", G, 1, 2, "one per account");

        // Account and Organizations (global)
        Add("account", "GetContactInformation", G, 1, 2, "one per account");
        Add("account", "GetAlternateContact", G, 3, 2, "security, billing, operations");
        Add("organizations", "DescribeOrganization", G, 1, 2, "one per account");
        if (inv.Organization is { } org)
        {
            Add("iam", "ListOrganizationsFeatures", G, 1, 3, "in an organization");
            Add("organizations", "ListRoots", G, 1, 3, "structure visible from here?");
            if (org.StructureVisible)
            {
                var root = org.OrganizationalUnits.Select(u => u.ParentId).Concat(org.Accounts.Select(a => a.ParentId ?? ""))
                    .FirstOrDefault(p => p.StartsWith("r-", StringComparison.Ordinal)) ?? "root";
                var parents = org.OrganizationalUnits.Select(u => u.Id).Prepend(root).ToList();
                Add("organizations", "ListOrganizationalUnitsForParent", G, parents.Sum(p => Pages(org.OrganizationalUnits.Count(u => u.ParentId == p), 20)), 4, "per root and OU, 20 per page");
                Add("organizations", "ListAccountsForParent", G, parents.Sum(p => Pages(org.Accounts.Count(a => a.ParentId == p), 20)), 4, "per root and OU, 20 per page");
                Add("organizations", "ListAccounts", G, Pages(org.Accounts.Count, 20), 4, "20 per page");
                Add("organizations", "DescribeResourcePolicy", G, 1, 4, "one");
                Add("organizations", "ListPolicies", G, 3, 4, "SCP, RCP, tag policies");
                Add("organizations", "ListTargetsForPolicy", G, org.Policies.Sum(p => Pages(p.TargetIds.Count, 20)), 5, "per policy");
                Add("organizations", "DescribePolicy", G, org.Policies.Count, 5, "per policy");
                Add("organizations", "ListDelegatedAdministrators", G, Pages(org.DelegatedAdministrators.Count, 20), 4, "20 per page");
                Add("organizations", "ListDelegatedServicesForAccount", G, org.DelegatedAdministrators.Sum(d => Pages(d.ServicePrincipals.Count, 20)), 5, "per delegated administrator");
                Add("organizations", "ListAWSServiceAccessForOrganization", G, Pages(org.EnabledServicePrincipals.Count, 20), 4, "20 per page");
            }
        }

        // S3
        var buckets = inv.S3.Buckets.Where(b => regions.Contains(b.Region)).ToList();
        Add("s3", "ListBuckets", G, Pages(inv.S3.Buckets.Count, 10_000), 2, "max-buckets 10000, regions included");
        Add("s3", "GetPublicAccessBlock", G, 1 + buckets.Count, 3, "account (S3 Control) + per bucket");
        foreach (var op in new[] { "GetBucketPolicy", "GetBucketEncryption", "GetBucketVersioning", "GetBucketLogging", "GetBucketOwnershipControls", "GetBucketAcl", "GetBucketTagging" })
        {
            foreach (var group in buckets.GroupBy(b => b.Region))
            {
                Add("s3", op, group.Key, group.Count(), 3, "per bucket");
            }
        }

        foreach (var group in buckets.Where(b => b.Policy is not null).GroupBy(b => b.Region))
        {
            Add("s3", "GetBucketPolicyStatus", group.Key, group.Count(), 4, "per bucket with a policy");
        }

        // Regional services
        foreach (var region in regions)
        {
            Add("access-analyzer", "ListAnalyzers", region, 1, 3, "per region");
            Add("cloudtrail", "DescribeTrails", region, 1, 3, "per region (shadow trails included)");
            Add("config", "DescribeConfigurationRecorders", region, 1, 3, "per region");
            Add("config", "DescribeConfigurationRecorderStatus", region, 1, 3, "per region");
            Add("config", "DescribeDeliveryChannels", region, 1, 3, "per region");
            var detectors = inv.GuardDuty.DetectorsByRegion.GetValueOrDefault(region) ?? [];
            Add("guardduty", "ListDetectors", region, 1, 3, "per region");
            Add("guardduty", "GetDetector", region, detectors.Count, 4, "per detector");
            var hub = inv.SecurityHub.HubsByRegion.GetValueOrDefault(region);
            Add("securityhub", "DescribeHub", region, 1, 3, "per region");
            Add("securityhub", "GetEnabledStandards", region, hub is null ? 0 : Pages(hub.EnabledStandardArns.Count, 100), 4, "where subscribed");
            var macie = inv.Macie.Regions.GetValueOrDefault(region);
            Add("macie2", "GetMacieSession", region, 1, 3, "per region");
            Add("macie2", "GetAutomatedDiscoveryConfiguration", region, macie is { Status: not "DISABLED" } ? 1 : 0, 4, "where enabled");
            Add("macie2", "ListClassificationJobs", region, macie is { Status: not "DISABLED" } ? 1 : 0, 4, "where enabled");

            var ec2 = inv.Ec2;
            Add("ec2", "DescribeSecurityGroups", region, Pages(ec2.SecurityGroups.Count(g => g.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "DescribeNetworkAcls", region, Pages(ec2.NetworkAcls.Count(a => a.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "DescribeVpcs", region, Pages(ec2.Vpcs.Count(v => v.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "DescribeSubnets", region, Pages(ec2.Subnets.Count(s => s.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "DescribeRouteTables", region, Pages(ec2.RouteTables.Count(r => r.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "DescribeFlowLogs", region, Pages(ec2.FlowLogs.Count(f => f.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "DescribeVpcEndpoints", region, Pages(ec2.VpcEndpoints.Count(e => e.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "DescribeVpcPeeringConnections", region, Pages(ec2.VpcPeeringConnections.Count(p => p.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "DescribeInstances", region, Pages(ec2.Instances.Count(i => i.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "DescribeVolumes", region, Pages(ec2.Volumes.Count(v => v.Region == region), 1000), 3, "MaxResults 1000");
            Add("ec2", "GetEbsEncryptionByDefault", region, 1, 3, "per region");
            Add("ec2", "GetInstanceMetadataDefaults", region, 1, 3, "per region");

            var keys = inv.Kms.Keys.Where(k => k.Region == region).ToList();
            Add("kms", "ListKeys", region, Pages(keys.Count, 1000), 3, "Limit 1000");
            Add("kms", "DescribeKey", region, keys.Count, 4, "per key");
            Add("kms", "GetKeyRotationStatus", region, keys.Count, 4, "per key");
            Add("kms", "GetKeyPolicy", region, keys.Count, 4, "per key");
            Add("kms", "ListResourceTags", region, keys.Count(k => k.KeyManager == "CUSTOMER"), 5, "per customer key (DescribeKey tells)");

            Add("rds", "DescribeDBInstances", region, Pages(inv.Rds.Instances.Count(i => i.Region == region), 100), 3, "MaxRecords 100");
            Add("rds", "DescribeDBClusters", region, Pages(inv.Rds.Clusters.Count(c => c.Region == region), 100), 3, "MaxRecords 100");
            Add("elasticfilesystem", "DescribeFileSystems", region, Pages(inv.Efs.FileSystems.Count(f => f.Region == region), 100), 3, "MaxItems 100");
            var secrets = inv.SecretsManager.Secrets.Count(s => s.Region == region);
            Add("secretsmanager", "ListSecrets", region, Pages(secrets, 100), 3, "MaxResults 100");
            Add("secretsmanager", "GetResourcePolicy", region, secrets, 4, "per secret");
            var functions = inv.Lambda.Functions.Count(f => f.Region == region);
            Add("lambda", "ListFunctions", region, Pages(functions, 50), 3, "MaxItems 50", Pages(functions, 50));
            Add("lambda", "GetPolicy", region, functions, 3 + Pages(functions, 50), "per function");
            Add("lambda", "ListTags", region, functions, 3 + Pages(functions, 50), "per function");
        }

        // CloudTrail per trail (in its home region), then the monitoring chain.
        var trails = inv.CloudTrail.Trails.Where(t => regions.Contains(t.HomeRegion)).ToList();
        foreach (var trail in trails)
        {
            Add("cloudtrail", "GetTrailStatus", trail.HomeRegion, 1, 4, "per trail");
            Add("cloudtrail", "GetEventSelectors", trail.HomeRegion, 1, 4, "per trail");
        }

        var groups = inv.CloudTrail.Trails.Select(t => t.CloudWatchLogsLogGroupArn).OfType<string>().Distinct()
            .Select(arn => (Arn: arn, Region: arn.Split(':')[3])).Where(g => regions.Contains(g.Region)).ToList();
        foreach (var group in groups)
        {
            var filters = inv.Monitoring.MetricFiltersByLogGroupArn.GetValueOrDefault(group.Arn) ?? [];
            Add("logs", "DescribeMetricFilters", group.Region, Pages(filters.Count, 50), 4, "per trail log group, limit 50");
        }

        foreach (var region in groups.Select(g => g.Region).Distinct())
        {
            var alarms = inv.Monitoring.AlarmsByRegion.GetValueOrDefault(region) ?? [];
            Add("monitoring", "DescribeAlarms", region, Pages(alarms.Count, 100), 4, "per trail log group region, MaxRecords 100");
        }

        var topics = groups.Select(g => g.Region).Distinct().SelectMany(r => inv.Monitoring.AlarmsByRegion.GetValueOrDefault(r) ?? [])
            .SelectMany(a => a.AlarmActions).Where(a => a.Contains(":sns:", StringComparison.Ordinal)).Distinct()
            .Where(t => regions.Contains(t.Split(':')[3]));
        foreach (var topic in topics)
        {
            var subscriptions = inv.Monitoring.SubscriptionsByTopicArn.GetValueOrDefault(topic) ?? [];
            Add("sns", "ListSubscriptionsByTopic", topic.Split(':')[3], Pages(subscriptions.Count, 100), 5, "per alarm topic");
        }

        return calls;
    }

    /// <summary>
    /// The lower bound on wall time: no scan can finish before (a) its longest chain of dependent calls has made its
    /// round trips, nor (b) any rate-limit bucket has let its calls through. A bucket holding <c>burst</c> tokens that
    /// refill at <c>rate</c>/s lets n calls through no sooner than max(0, n - burst) / rate seconds after the first,
    /// and its first call cannot start before its chain prefix has answered. Infinite client concurrency and zero
    /// processing time are assumed: the bound is what latency and limits alone allow.
    /// </summary>
    public static LowerBound Bound(IReadOnlyList<MinimumCall> calls, IReadOnlyList<RateLimitRule> rules, string accountId, double latencySeconds)
    {
        var chain = calls.Max(c => c.Depth - 1 + c.Chain) * latencySeconds;
        var chainCall = calls.MaxBy(c => c.Depth - 1 + c.Chain)!;
        var buckets = calls
            .Select(c => (Call: c, Found: RateLimiter.Find(rules, accountId, c.Service, c.Operation, c.Region)))
            .Where(x => x.Found is not null)
            .GroupBy(x => x.Found!.Value.Key)
            .Select(g =>
            {
                var rule = g.First().Found!.Value.Rule;
                var n = g.Sum(x => x.Call.Count);
                var start = (g.Min(x => x.Call.Depth) - 1) * latencySeconds;
                return (Key: g.Key, Calls: n, Seconds: start + (Math.Max(0, n - rule.Burst) / rule.PerSecond) + latencySeconds);
            })
            .OrderByDescending(b => b.Seconds)
            .ToList();
        var worst = buckets.FirstOrDefault();
        return new LowerBound(chain, $"{chainCall.Key} ({chainCall.Depth - 1 + chainCall.Chain} dependent round trips)",
            worst.Seconds, worst.Key is null ? "none" : $"{worst.Key} ({worst.Calls} calls)");
    }

    private static int Pages(int items, int pageSize) => Math.Max(1, (items + pageSize - 1) / pageSize);
}

/// <summary>Latency-chain and rate-limit parts of the lower bound; the bound is the larger.</summary>
public sealed record LowerBound(double ChainSeconds, string ChainWhy, double RateSeconds, string RateWhy)
{
    public double Seconds => Math.Max(ChainSeconds, RateSeconds);
}
