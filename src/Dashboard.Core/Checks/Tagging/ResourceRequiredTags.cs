using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Tagging;

/// <summary>
/// Checklist X13: every taggable resource the inventory holds carries the required tag keys (<see cref="CheckSettings.RequiredTags"/>)
/// with non-empty values. Tags come from each service's own data, so untagged resources are seen too (the Tagging API would miss
/// them). Resources AWS creates for you (default VPCs and security groups, service-linked roles) are left out.
/// </summary>
public sealed class ResourceRequiredTags : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "resource_required_tags",
        Title = "Resource carries the required tags",
        Service = "resource",
        ResourceType = "AWS::::Resource",
        Severity = Severity.Low,
        Rationale = "Tags tell responders who owns a resource, which environment it belongs to and how it is managed. During an incident, and for "
            + "cost and clean-up work, an untagged resource is one nobody can quickly vouch for or safely change.",
        Remediation = new Remediation(
            Steps: "Add the missing tags to the resource. Set default tags in your infrastructure code, and enforce them with an AWS Organizations "
                + "tag policy and, where creation must be blocked, an SCP with an aws:RequestTag condition.",
            Cli: "aws resourcegroupstaggingapi tag-resources --resource-arn-list <arn> \\\n"
                + "  --tags Environment=<environment>,Project=<project>,ManagedBy=<terraform|cloudformation|manual>",
            Terraform: "provider \"aws\" {\n"
                + "  default_tags {\n"
                + "    tags = {\n"
                + "      Environment = var.environment\n"
                + "      Project     = var.project\n"
                + "      ManagedBy   = \"terraform\"\n"
                + "    }\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html",
            "https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html",
            "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html",
        ],
        DataSources =
        [
            Sources.Ec2Instances, Sources.Ec2Volumes, Sources.Ec2SecurityGroups, Sources.Ec2Vpcs,
            Sources.S3ListBuckets, Sources.S3BucketTagging, Sources.RdsInstances, Sources.RdsClusters, Sources.EfsFileSystems,
            Sources.LambdaFunctions, Sources.LambdaTags, Sources.KmsKeys, Sources.KmsResourceTags, Sources.SecretsManagerSecrets,
            Sources.IamAuthorizationDetails,
        ],
    };

    /// <summary>A list call whose failure hides the resources of one kind in a Region, and the sources whose failure is about one resource.</summary>
    private static readonly (DataSource Source, string Kind)[] ListCalls =
    [
        (Sources.Ec2Instances, "instances"), (Sources.Ec2Volumes, "volumes"), (Sources.Ec2SecurityGroups, "security-groups"), (Sources.Ec2Vpcs, "vpcs"),
        (Sources.S3ListBuckets, "buckets"), (Sources.RdsInstances, "db-instances"), (Sources.RdsClusters, "db-clusters"),
        (Sources.EfsFileSystems, "file-systems"), (Sources.LambdaFunctions, "functions"), (Sources.KmsKeys, "keys"),
        (Sources.SecretsManagerSecrets, "secrets"), (Sources.IamAuthorizationDetails, "iam"),
    ];

    private static readonly DataSource[] PerResourceTagCalls = [Sources.S3BucketTagging, Sources.LambdaTags, Sources.KmsResourceTags];

    private sealed record Tagged(string Region, string Id, string? Arn, string Type, IReadOnlyDictionary<string, string> Tags);

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var listErrors = 0;
        foreach (var (source, kind) in ListCalls)
        {
            foreach (var error in context.FirstErrorPerRegion(source).Where(e => e.ResourceId is null))
            {
                listErrors++;
                yield return Error(error.Region, kind, null, error);
            }
        }

        var resources = Resources(inventory).ToList();
        if (resources.Count == 0 && listErrors == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no taggable resources in the inventory");
        }

        var required = context.Settings.RequiredTags;
        var comparer = context.Settings.RequiredTagsIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        foreach (var resource in resources)
        {
            var tagError = PerResourceTagCalls
                .Select(s => context.ErrorAbout(s, resource.Id, resource.Arn ?? resource.Id))
                .FirstOrDefault(e => e is not null);
            if (tagError is not null)
            {
                yield return Error(resource.Region, resource.Id, resource.Arn, tagError);
                continue;
            }

            var missing = required
                .Where(key => !resource.Tags.Any(t => comparer.Equals(t.Key, key) && !string.IsNullOrWhiteSpace(t.Value)))
                .ToList();
            var type = ("resourceType", resource.Type);
            yield return missing.Count == 0
                ? Pass(resource.Region, resource.Id, resource.Arn, $"carries {string.Join(", ", required)}", type)
                : Fail(resource.Region, resource.Id, resource.Arn, $"missing or empty tag{(missing.Count == 1 ? "" : "s")}: {string.Join(", ", missing)}",
                    type, ("tags", resource.Tags.Count == 0 ? "none" : string.Join(", ", resource.Tags.Keys.Order(StringComparer.Ordinal))));
        }
    }

    private static IEnumerable<Tagged> Resources(AccountInventory inventory)
    {
        var (partition, account) = (inventory.Partition, inventory.AccountId);
        var ec2 = inventory.Ec2;
        foreach (var i in ec2.Instances.Where(i => i.State is not ("terminated" or "shutting-down")))
        {
            yield return new(i.Region, i.InstanceId, i.Arn(partition, account), "AWS::EC2::Instance", i.Tags);
        }

        foreach (var v in ec2.Volumes.Where(v => !string.Equals(v.State, "deleted", StringComparison.OrdinalIgnoreCase)))
        {
            yield return new(v.Region, v.VolumeId, $"arn:{partition}:ec2:{v.Region}:{account}:volume/{v.VolumeId}", "AWS::EC2::Volume", v.Tags);
        }

        foreach (var g in ec2.SecurityGroups.Where(g => !string.Equals(g.GroupName, "default", StringComparison.Ordinal)))
        {
            yield return new(g.Region, g.GroupId, g.Arn(partition, account), "AWS::EC2::SecurityGroup", g.Tags);
        }

        foreach (var v in ec2.Vpcs.Where(v => !v.IsDefault))
        {
            yield return new(v.Region, v.VpcId, v.Arn(partition, account), "AWS::EC2::VPC", v.Tags);
        }

        foreach (var b in inventory.S3.Buckets)
        {
            yield return new(b.Region, b.Name, b.Arn(partition), "AWS::S3::Bucket", b.Tags);
        }

        foreach (var d in inventory.Rds.Instances)
        {
            yield return new(d.Region, d.DbInstanceIdentifier, d.Arn, "AWS::RDS::DBInstance", d.Tags);
        }

        foreach (var c in inventory.Rds.Clusters)
        {
            yield return new(c.Region, c.DbClusterIdentifier, c.Arn, "AWS::RDS::DBCluster", c.Tags);
        }

        foreach (var f in inventory.Efs.FileSystems)
        {
            yield return new(f.Region, f.FileSystemId, f.Arn, "AWS::EFS::FileSystem", f.Tags);
        }

        foreach (var f in inventory.Lambda.Functions)
        {
            yield return new(f.Region, f.FunctionName, f.FunctionArn, "AWS::Lambda::Function", f.Tags);
        }

        foreach (var k in inventory.Kms.Keys.Where(k => string.Equals(k.KeyManager, "CUSTOMER", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(k.KeyState, "PendingDeletion", StringComparison.OrdinalIgnoreCase)))
        {
            yield return new(k.Region, k.KeyId, k.Arn, "AWS::KMS::Key", k.Tags);
        }

        foreach (var s in inventory.SecretsManager.Secrets.Where(s => s.OwningService is null))
        {
            yield return new(s.Region, s.Name, s.Arn, "AWS::SecretsManager::Secret", s.Tags);
        }

        foreach (var r in inventory.Iam.Roles.Where(r => !r.Path.StartsWith("/aws-service-role/", StringComparison.Ordinal)
            && !r.Path.StartsWith("/aws-reserved/", StringComparison.Ordinal)))
        {
            yield return new(Regions.Global, r.RoleName, r.Arn, "AWS::IAM::Role", r.Tags);
        }

        foreach (var u in inventory.Iam.Users)
        {
            yield return new(Regions.Global, u.UserName, u.Arn, "AWS::IAM::User", u.Tags);
        }
    }
}
