using System.Text.Json.Nodes;
using Dashboard.Core.Inventory;
using FakeAws.Wire;
using static FakeAws.Wire.J;

namespace FakeAws.Services;

public sealed class ConfigService : ServiceHandler
{
    public ConfigService()
    {
        On("DescribeConfigurationRecorders", c => O(("ConfigurationRecorders", A(Recorders(c), r => O(
            ("name", r.Name),
            ("roleARN", $"arn:{c.Inventory.Partition}:iam::{c.Inventory.AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"),
            ("recordingGroup", O(
                ("allSupported", r.AllSupported),
                ("includeGlobalResourceTypes", r.IncludeGlobalResourceTypes),
                ("resourceTypes", new JsonArray()),
                ("recordingStrategy", r.RecordingStrategy is null ? null : O(("useOnly", r.RecordingStrategy))))))))));
        On("DescribeConfigurationRecorderStatus", c => O(("ConfigurationRecordersStatus", A(Recorders(c), r => O(
            ("name", r.Name),
            ("lastStartTime", c.Inventory.CollectedAt.AddDays(-100)),
            ("recording", r.Recording),
            ("lastStatus", r.LastStatus),
            ("lastStatusChangeTime", r.LastStatus is null ? null : c.Inventory.CollectedAt.AddMinutes(-30)))))));
        On("DescribeDeliveryChannels", c => O(("DeliveryChannels", A(Region(c).DeliveryChannelNames, n => O(
            ("name", n),
            ("s3BucketName", $"config-bucket-{c.Inventory.AccountId}"))))));
    }

    public override ServiceInfo Info => ServiceInfo.All["config"];

    private static ConfigRegion Region(Call call) => call.Inventory.Config.Regions.GetValueOrDefault(call.Region) ?? new ConfigRegion();

    private static IEnumerable<ConfigurationRecorder> Recorders(Call call)
    {
        var names = call.JList("ConfigurationRecorderNames");
        var recorders = Region(call).Recorders;
        var missing = names.FirstOrDefault(n => recorders.All(r => r.Name != n));
        return missing is null
            ? recorders.Where(r => names.Count == 0 || names.Contains(r.Name))
            : throw new AwsException("NoSuchConfigurationRecorderException", $"Cannot find configuration recorder with the specified name '{missing}'.");
    }
}

public sealed class LogsService : ServiceHandler
{
    public LogsService()
    {
        On("DescribeMetricFilters", DescribeMetricFilters);
    }

    public override ServiceInfo Info => ServiceInfo.All["logs"];

    public override string? Resource(Call call) => call.J("logGroupName");

    private static object DescribeMetricFilters(Call call)
    {
        var group = call.J("logGroupName");
        var prefix = call.J("filterNamePrefix");
        var filters = call.Inventory.FiltersIn(call.Region)
            .Where(f => (group is null || f.LogGroupName == group) && (prefix is null || f.FilterName.StartsWith(prefix, StringComparison.Ordinal)))
            .ToArray();
        var (page, next) = call.Page(filters, call.J("nextToken"), call.JInt("limit"), 50);
        return O(
            ("metricFilters", A(page, f => O(
                ("filterName", f.FilterName),
                ("filterPattern", f.FilterPattern),
                ("metricTransformations", A(f.MetricTransformations, t => O(("metricName", t.MetricName), ("metricNamespace", t.MetricNamespace), ("metricValue", "1")))),
                ("creationTime", call.Inventory.CollectedAt.AddDays(-90).ToUnixTimeMilliseconds()),
                ("logGroupName", f.LogGroupName)))),
            ("nextToken", next));
    }
}

public sealed class KmsService : ServiceHandler
{
    public KmsService()
    {
        On("ListKeys", ListKeys);
        On("DescribeKey", c => O(("KeyMetadata", Metadata(c, Key(c)))));
        On("GetKeyRotationStatus", GetKeyRotationStatus);
        On("GetKeyPolicy", c => O(("Policy", Key(c).Policy ?? DefaultPolicy(c))));
        On("ListResourceTags", ListResourceTags);
    }

    public override ServiceInfo Info => ServiceInfo.All["kms"];

    public override string? Resource(Call call) => call.J("KeyId");

    private static KmsKey Key(Call call)
    {
        var id = call.J("KeyId") ?? throw AwsException.Validation(call.Service, "KeyId is required.");
        return call.Inventory.Kms.Keys.FirstOrDefault(k => k.Region == call.Region && (k.KeyId == id || k.Arn == id))
            ?? throw new AwsException("NotFoundException", $"Key '{id}' does not exist");
    }

    private static (T[] Items, string? Next) Marker<T>(Call call, IReadOnlyList<T> all)
    {
        var (page, next) = call.Page(all, call.J("Marker"), call.JInt("Limit"), 100);
        return (page.ToArray(), next);
    }

    private static object ListKeys(Call call)
    {
        var (page, next) = Marker(call, call.Inventory.Kms.Keys.Where(k => k.Region == call.Region).ToArray());
        return O(("Keys", A(page, k => O(("KeyId", k.KeyId), ("KeyArn", k.Arn)))), ("NextMarker", next), ("Truncated", next is not null));
    }

    private static JsonObject Metadata(Call call, KmsKey k) => O(
        ("AWSAccountId", call.Inventory.AccountId),
        ("KeyId", k.KeyId),
        ("Arn", k.Arn),
        ("CreationDate", call.Inventory.CollectedAt.AddDays(-500)),
        ("Enabled", k.KeyState == "Enabled"),
        ("Description", k.Description ?? ""),
        ("KeyUsage", k.KeySpec.StartsWith("HMAC", StringComparison.Ordinal) ? "GENERATE_VERIFY_MAC" : "ENCRYPT_DECRYPT"),
        ("KeyState", k.KeyState),
        ("Origin", k.Origin),
        ("KeyManager", k.KeyManager),
        ("CustomerMasterKeySpec", k.KeySpec),
        ("KeySpec", k.KeySpec),
        ("EncryptionAlgorithms", k.KeySpec == "SYMMETRIC_DEFAULT" ? Strings(["SYMMETRIC_DEFAULT"]) : null),
        ("MultiRegion", false));

    private static object GetKeyRotationStatus(Call call)
    {
        var k = Key(call);
        if (k.KeySpec != "SYMMETRIC_DEFAULT" || k.Origin != "AWS_KMS")
        {
            throw new AwsException("UnsupportedOperationException", $"{k.Arn} origin or key spec does not support automatic rotation.");
        }

        return O(("KeyRotationEnabled", k.KeyManager == "AWS" || k.KeyRotationEnabled == true));
    }

    private static string DefaultPolicy(Call call) =>
        $"{{\"Version\":\"2012-10-17\",\"Id\":\"key-default-1\",\"Statement\":[{{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"{call.Inventory.RootArn}\"}},\"Action\":\"kms:*\",\"Resource\":\"*\"}}]}}";

    private static object ListResourceTags(Call call)
    {
        var (page, next) = Marker(call, Key(call).Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToArray());
        return O(("Tags", A(page, t => O(("TagKey", t.Key), ("TagValue", t.Value)))), ("NextMarker", next), ("Truncated", next is not null));
    }
}

public sealed class SecretsManagerService : ServiceHandler
{
    public SecretsManagerService()
    {
        On("ListSecrets", ListSecrets);
        On("GetResourcePolicy", GetResourcePolicy);
    }

    public override ServiceInfo Info => ServiceInfo.All["secretsmanager"];

    public override string? Resource(Call call) => call.J("SecretId");

    private static object ListSecrets(Call call)
    {
        var (page, next) = call.Page(call.Inventory.SecretsManager.Secrets.Where(s => s.Region == call.Region).ToArray(), call.J("NextToken"), call.JInt("MaxResults"), 100);
        return O(
            ("SecretList", A(page, s => O(
                ("ARN", s.Arn),
                ("Name", s.Name),
                ("RotationEnabled", s.RotationEnabled),
                ("RotationRules", s.RotationIntervalDays is null ? null : O(("AutomaticallyAfterDays", s.RotationIntervalDays.Value))),
                ("LastRotatedDate", s.LastRotatedDate),
                ("LastChangedDate", s.LastRotatedDate ?? s.CreatedDate),
                ("LastAccessedDate", s.LastAccessedDate),
                ("Tags", A(s.Tags.OrderBy(t => t.Key, StringComparer.Ordinal), t => O(("Key", t.Key), ("Value", t.Value)))),
                ("OwningService", s.OwningService),
                ("CreatedDate", s.CreatedDate)))),
            ("NextToken", next));
    }

    private static object GetResourcePolicy(Call call)
    {
        var id = call.J("SecretId");
        var s = call.Inventory.SecretsManager.Secrets.FirstOrDefault(x => x.Region == call.Region && (x.Name == id || x.Arn == id))
            ?? throw new AwsException("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        return O(("ARN", s.Arn), ("Name", s.Name), ("ResourcePolicy", s.ResourcePolicy));
    }
}

/// <summary>Organizations: the structure is readable only when the scenario says so (management or delegated admin).</summary>
public sealed class OrganizationsService : ServiceHandler
{
    public OrganizationsService()
    {
        On("DescribeOrganization", DescribeOrganization);
        On("ListAccounts", c => Paged(c, Org(c).Accounts, "Accounts", (o, a) => O(
            ("Id", a.Id), ("Arn", $"arn:aws:organizations::{o.MasterAccountId}:account/{o.Id}/{a.Id}"), ("Email", a.Email), ("Name", a.Name),
            ("Status", a.Status), ("JoinedMethod", a.Id == o.MasterAccountId ? "CREATED" : "INVITED"), ("JoinedTimestamp", c.Inventory.CollectedAt.AddDays(-900)))));
        On("ListAccountsForParent", c => Paged(c, Org(c).Accounts.Where(a => a.ParentId == c.J("ParentId")).ToArray(), "Accounts", (o, a) => O(
            ("Id", a.Id), ("Arn", $"arn:aws:organizations::{o.MasterAccountId}:account/{o.Id}/{a.Id}"), ("Email", a.Email), ("Name", a.Name),
            ("Status", a.Status), ("JoinedMethod", a.Id == o.MasterAccountId ? "CREATED" : "INVITED"), ("JoinedTimestamp", c.Inventory.CollectedAt.AddDays(-900)))));
        On("ListDelegatedServicesForAccount", ListDelegatedServicesForAccount);
        On("ListRoots", c => Paged(c, [RootId(Org(c))], "Roots", (o, r) => O(
            ("Id", r), ("Arn", $"arn:aws:organizations::{o.MasterAccountId}:root/{o.Id}/{r}"), ("Name", "Root"),
            ("PolicyTypes", A(o.Policies.Select(p => p.Type).Where(t => t != "TAG_POLICY").Distinct(), t => O(("Type", t), ("Status", "ENABLED")))))));
        On("ListOrganizationalUnitsForParent", c => Paged(c, Org(c).OrganizationalUnits.Where(u => u.ParentId == c.J("ParentId")).ToArray(), "OrganizationalUnits", (o, u) => O(
            ("Id", u.Id), ("Arn", $"arn:aws:organizations::{o.MasterAccountId}:ou/{o.Id}/{u.Id}"), ("Name", u.Name))));
        On("ListPolicies", c => Paged(c, Org(c).Policies.Where(p => p.Type == (c.J("Filter") ?? "SERVICE_CONTROL_POLICY")).ToArray(), "Policies", (o, p) => PolicySummary(o, p)));
        On("DescribePolicy", DescribePolicy);
        On("ListTargetsForPolicy", ListTargetsForPolicy);
        On("ListDelegatedAdministrators", c => Paged(c,
            Org(c).DelegatedAdministrators.Where(d => c.J("ServicePrincipal") is not { } sp || d.ServicePrincipals.Contains(sp)).ToArray(),
            "DelegatedAdministrators", (o, d) =>
            {
                var a = o.Accounts.FirstOrDefault(x => x.Id == d.AccountId);
                return O(("Id", d.AccountId), ("Arn", $"arn:aws:organizations::{o.MasterAccountId}:account/{o.Id}/{d.AccountId}"),
                    ("Email", a?.Email), ("Name", a?.Name), ("Status", a?.Status ?? "ACTIVE"), ("JoinedMethod", "INVITED"),
                    ("JoinedTimestamp", c.Inventory.CollectedAt.AddDays(-800)), ("DelegationEnabledDate", c.Inventory.CollectedAt.AddDays(-400)));
            }));
        On("ListAWSServiceAccessForOrganization", c => Paged(c, Org(c).EnabledServicePrincipals, "EnabledServicePrincipals", (_, s) => O(
            ("ServicePrincipal", s), ("DateEnabled", c.Inventory.CollectedAt.AddDays(-700)))));
    }

    public override ServiceInfo Info => ServiceInfo.All["organizations"];

    private static OrganizationData Org(Call call, bool structure = true)
    {
        var org = call.Inventory.Organization
            ?? throw new AwsException("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
        if (structure && !org.StructureVisible)
        {
            throw new AwsException("AccessDeniedException", "You don't have permissions to access this resource.");
        }

        return org;
    }

    private static object DescribeOrganization(Call call)
    {
        var o = Org(call, structure: false);
        return O(("Organization", O(
            ("Id", o.Id),
            ("Arn", $"arn:aws:organizations::{o.MasterAccountId}:organization/{o.Id}"),
            ("FeatureSet", o.FeatureSet),
            ("MasterAccountArn", $"arn:aws:organizations::{o.MasterAccountId}:account/{o.Id}/{o.MasterAccountId}"),
            ("MasterAccountId", o.MasterAccountId),
            ("MasterAccountEmail", $"aws-root+{o.MasterAccountId}@example.com"),
            ("AvailablePolicyTypes", new JsonArray()))));
    }

    private static object DescribePolicy(Call call)
    {
        var o = Org(call);
        var p = o.Policies.FirstOrDefault(x => x.Id == call.J("PolicyId"))
            ?? throw new AwsException("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.");
        return O(("Policy", O(("PolicySummary", PolicySummary(o, p)), ("Content", p.Content ?? "{}"))));
    }

    private static string RootId(OrganizationData org) =>
        org.OrganizationalUnits.Select(u => u.ParentId).Concat(org.Accounts.Select(a => a.ParentId ?? ""))
            .FirstOrDefault(p => p.StartsWith("r-", StringComparison.Ordinal)) ?? "r-" + Ids.Hex(org.Id, 4);

    private static JsonObject PolicySummary(OrganizationData o, OrganizationPolicy p) => O(
        ("Id", p.Id),
        ("Arn", p.AwsManaged ? $"arn:aws:organizations::aws:policy/{p.Type.ToLowerInvariant()}/{p.Id}" : $"arn:aws:organizations::{o.MasterAccountId}:policy/{o.Id}/{p.Type.ToLowerInvariant()}/{p.Id}"),
        ("Name", p.Name),
        ("Description", p.Name),
        ("Type", p.Type),
        ("AwsManaged", p.AwsManaged));

    private static JsonObject Paged<T>(Call call, IReadOnlyList<T> all, string member, Func<OrganizationData, T, JsonObject> item)
    {
        var org = call.Inventory.Organization!;
        var (page, next) = call.Page(all, call.J("NextToken"), call.JInt("MaxResults"), 20);
        return O((member, A(page, x => item(org, x))), ("NextToken", next));
    }

    private static object ListDelegatedServicesForAccount(Call call)
    {
        var accountId = call.J("AccountId");
        var delegated = Org(call).DelegatedAdministrators.FirstOrDefault(d => d.AccountId == accountId)
            ?? throw new AwsException("AccountNotRegisteredException", "The provided account is not a registered delegated administrator for your organization.");
        return Paged(call, delegated.ServicePrincipals, "DelegatedServices", (_, s) => O(
            ("ServicePrincipal", s), ("DelegationEnabledDate", call.Inventory.CollectedAt.AddDays(-400))));
    }

    private static object ListTargetsForPolicy(Call call)
    {
        var org = Org(call);
        var policy = org.Policies.FirstOrDefault(p => p.Id == call.J("PolicyId"))
            ?? throw new AwsException("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.");
        return Paged(call, policy.TargetIds, "Targets", (o, t) =>
        {
            var (type, name, arn) = t.StartsWith("r-", StringComparison.Ordinal) ? ("ROOT", "Root", $"arn:aws:organizations::{o.MasterAccountId}:root/{o.Id}/{t}")
                : t.StartsWith("ou-", StringComparison.Ordinal) ? ("ORGANIZATIONAL_UNIT", o.OrganizationalUnits.FirstOrDefault(u => u.Id == t)?.Name ?? t, $"arn:aws:organizations::{o.MasterAccountId}:ou/{o.Id}/{t}")
                : ("ACCOUNT", o.Accounts.FirstOrDefault(a => a.Id == t)?.Name ?? t, $"arn:aws:organizations::{o.MasterAccountId}:account/{o.Id}/{t}");
            return O(("TargetId", t), ("Arn", arn), ("Name", name), ("Type", type));
        });
    }
}
