using System.Text.Json.Nodes;
using FakeAws.Wire;
using static FakeAws.Wire.J;

namespace FakeAws.Services;

public sealed class AccountService : ServiceHandler
{
    public AccountService()
    {
        On("POST", "/getContactInformation", "GetContactInformation", c => c.Inventory.Account.ContactInformation is { } i
            ? O(("ContactInformation", O(("FullName", i.FullName), ("CompanyName", i.CompanyName), ("PhoneNumber", i.PhoneNumber), ("CountryCode", i.CountryCode),
                ("AddressLine1", "1 Example Street"), ("City", "Example City"), ("PostalCode", "0000"))))
            : throw new AwsException("ResourceNotFoundException", "No contact information found.", 404));
        On("POST", "/getAlternateContact", "GetAlternateContact", c => c.Inventory.Account.AlternateContacts.GetValueOrDefault(c.J("AlternateContactType") ?? "") is { } a
            ? O(("AlternateContact", O(("AlternateContactType", a.AlternateContactType), ("Name", a.Name), ("EmailAddress", a.EmailAddress), ("PhoneNumber", a.PhoneNumber), ("Title", a.Title))))
            : throw new AwsException("ResourceNotFoundException", "No contact of the inputted alternate contact type found.", 404));
        On("POST", "/listRegions", "ListRegions", ListRegions);
    }

    public override ServiceInfo Info => ServiceInfo.All["account"];

    private static object ListRegions(Call call)
    {
        var account = call.Account.Scenario;
        var wanted = call.JList("RegionOptStatusContains");
        var regions = account.Enabled.Select(r => (Name: r, Status: Ec2Service.OptInRegions.Contains(r) ? "ENABLED" : "ENABLED_BY_DEFAULT"))
            .Concat(account.Disabled.Select(r => (Name: r, Status: "DISABLED")))
            .Where(r => wanted.Count == 0 || wanted.Contains(r.Status))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
        var (page, next) = call.Page(regions, call.J("NextToken"), call.JInt("MaxResults"), 50);
        return O(("Regions", A(page, r => O(("RegionName", r.Name), ("RegionOptStatus", r.Status)))), ("NextToken", next));
    }
}

public sealed class AccessAnalyzerService : ServiceHandler
{
    public AccessAnalyzerService()
    {
        On("GET", "/analyzer", "ListAnalyzers", ListAnalyzers);
    }

    public override ServiceInfo Info => ServiceInfo.All["access-analyzer"];

    private static object ListAnalyzers(Call call)
    {
        var type = call.P("type");
        var analyzers = (call.Inventory.AccessAnalyzer.AnalyzersByRegion.GetValueOrDefault(call.Region) ?? []).Where(a => type is null || a.Type == type).ToArray();
        var (page, next) = call.Page(analyzers, call.P("nextToken"), call.PInt("maxResults"));
        return O(
            ("analyzers", A(page, a => O(("arn", a.Arn), ("name", a.Name), ("type", a.Type), ("createdAt", Iso(call.Inventory.CollectedAt.AddDays(-300))), ("status", a.Status)))),
            ("nextToken", next));
    }
}

public sealed class EfsService : ServiceHandler
{
    public EfsService()
    {
        On("GET", "/2015-02-01/file-systems", "DescribeFileSystems", DescribeFileSystems);
    }

    public override ServiceInfo Info => ServiceInfo.All["elasticfilesystem"];

    private static object DescribeFileSystems(Call call)
    {
        var id = call.P("FileSystemId");
        var all = call.Inventory.Efs.FileSystems.Where(f => f.Region == call.Region && (id is null || f.FileSystemId == id)).ToArray();
        if (id is not null && all.Length == 0)
        {
            throw new AwsException("FileSystemNotFound", $"File system '{id}' does not exist.", 404);
        }

        var (page, next) = call.Page(all, call.P("Marker"), call.PInt("MaxItems"), 100);
        return O(
            ("Marker", call.P("Marker")),
            ("FileSystems", A(page, f => O(
                ("OwnerId", call.Inventory.AccountId), ("CreationToken", f.FileSystemId), ("FileSystemId", f.FileSystemId), ("FileSystemArn", f.Arn),
                ("CreationTime", call.Inventory.CollectedAt.AddDays(-200)), ("LifeCycleState", "available"), ("Name", f.Name), ("NumberOfMountTargets", 1),
                ("SizeInBytes", O(("Value", 6144))), ("PerformanceMode", "generalPurpose"), ("Encrypted", f.Encrypted), ("KmsKeyId", f.KmsKeyId),
                ("ThroughputMode", "bursting"), ("Tags", A(f.Tags.OrderBy(t => t.Key, StringComparer.Ordinal), t => O(("Key", t.Key), ("Value", t.Value))))))),
            ("NextMarker", next));
    }
}

public sealed class GuardDutyService : ServiceHandler
{
    public GuardDutyService()
    {
        On("GET", "/detector", "ListDetectors", ListDetectors);
        On("GET", "/detector/{detectorId}", "GetDetector", GetDetector);
    }

    public override ServiceInfo Info => ServiceInfo.All["guardduty"];

    public override string? Resource(Call call) => call.Label("detectorId");

    private static object ListDetectors(Call call)
    {
        var ids = (call.Inventory.GuardDuty.DetectorsByRegion.GetValueOrDefault(call.Region) ?? []).Select(d => d.DetectorId).ToArray();
        var (page, next) = call.Page(ids, call.P("nextToken"), call.PInt("maxResults"), 50);
        return O(("detectorIds", Strings(page)), ("nextToken", next));
    }

    private static object GetDetector(Call call)
    {
        var id = call.Label("detectorId");
        var d = (call.Inventory.GuardDuty.DetectorsByRegion.GetValueOrDefault(call.Region) ?? []).FirstOrDefault(x => x.DetectorId == id)
            ?? throw new AwsException("BadRequestException", "The request is rejected because the input detectorId is not owned by the current account.", 400);
        return O(
            ("createdAt", Iso(call.Inventory.CollectedAt.AddDays(-400))),
            ("findingPublishingFrequency", "SIX_HOURS"),
            ("serviceRole", $"arn:{call.Inventory.Partition}:iam::{call.Inventory.AccountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty"),
            ("status", d.Status),
            ("updatedAt", Iso(call.Inventory.CollectedAt.AddDays(-10))),
            ("features", A(d.Features.OrderBy(f => f.Key, StringComparer.Ordinal), f => O(("name", f.Key), ("status", f.Value), ("updatedAt", Iso(call.Inventory.CollectedAt.AddDays(-10)))))),
            ("tags", new JsonObject()));
    }
}

public sealed class LambdaService : ServiceHandler
{
    public LambdaService()
    {
        On("GET", "/2015-03-31/functions", "ListFunctions", ListFunctions);
        On("GET", "/2015-03-31/functions/{FunctionName}/policy", "GetPolicy", GetPolicy);
        On("GET", "/2017-03-31/tags/{Resource}", "ListTags", ListTags);
    }

    public override ServiceInfo Info => ServiceInfo.All["lambda"];

    public override string? Resource(Call call) => call.Label("FunctionName") ?? call.Label("Resource");

    private static object ListTags(Call call)
    {
        var arn = call.Label("Resource");
        var f = call.Inventory.Lambda.Functions.FirstOrDefault(x => x.Region == call.Region && x.FunctionArn == arn)
            ?? throw new AwsException("ResourceNotFoundException", $"Function not found: {arn}", 404);
        return O(("Tags", Map(f.Tags)));
    }

    private static object ListFunctions(Call call)
    {
        var (page, next) = call.Page(call.Inventory.Lambda.Functions.Where(f => f.Region == call.Region).ToArray(), call.P("Marker"), call.PInt("MaxItems"), 50);
        return O(
            ("Functions", A(page, f => O(
                ("FunctionName", f.FunctionName), ("FunctionArn", f.FunctionArn), ("Runtime", f.Runtime), ("Role", f.Role),
                ("Handler", "index.handler"), ("CodeSize", 1024), ("Description", ""), ("Timeout", 30), ("MemorySize", 256),
                ("LastModified", call.Inventory.CollectedAt.AddDays(-30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff+0000", System.Globalization.CultureInfo.InvariantCulture)),
                ("CodeSha256", Ids.Hex(f.FunctionArn, 43)), ("Version", "$LATEST"),
                ("Environment", f.EnvironmentVariableNames.Count == 0 ? null : O(("Variables", Map(f.EnvironmentVariableNames.ToDictionary(n => n, _ => "fake-value"))))),
                ("TracingConfig", O(("Mode", "PassThrough"))), ("RevisionId", Ids.Hex(f.FunctionArn + "rev", 32)),
                ("PackageType", "Zip"), ("Architectures", Strings(["x86_64"]))))),
            ("NextMarker", next));
    }

    private static object GetPolicy(Call call)
    {
        var name = call.Label("FunctionName");
        var f = call.Inventory.Lambda.Functions.FirstOrDefault(x => x.Region == call.Region && (x.FunctionName == name || x.FunctionArn == name))
            ?? throw new AwsException("ResourceNotFoundException", $"Function not found: arn:aws:lambda:{call.Region}:{call.Inventory.AccountId}:function:{name}", 404);
        return O(
            ("Policy", f.Policy ?? throw new AwsException("ResourceNotFoundException", "The resource you requested does not exist.", 404)),
            ("RevisionId", Ids.Hex(f.FunctionArn + "rev", 32)));
    }
}

/// <summary>Macie: when it is not enabled in a region, every call answers AccessDeniedException "Macie is not enabled".</summary>
public sealed class Macie2Service : ServiceHandler
{
    public Macie2Service()
    {
        On("GET", "/macie", "GetMacieSession", GetMacieSession);
        On("GET", "/automated-discovery/configuration", "GetAutomatedDiscoveryConfiguration", GetAutomatedDiscoveryConfiguration);
        On("POST", "/jobs/list", "ListClassificationJobs", ListClassificationJobs);
    }

    public override ServiceInfo Info => ServiceInfo.All["macie2"];

    private static Dashboard.Core.Inventory.MacieRegion Session(Call call) =>
        call.Inventory.Macie.Regions.GetValueOrDefault(call.Region) is { Status: not "DISABLED" } m
            ? m
            : throw new AwsException("AccessDeniedException", "Macie is not enabled.", 403);

    private static object GetMacieSession(Call call)
    {
        var m = Session(call);
        return O(
            ("createdAt", Iso(call.Inventory.CollectedAt.AddDays(-200))),
            ("findingPublishingFrequency", "FIFTEEN_MINUTES"),
            ("serviceRole", $"arn:{call.Inventory.Partition}:iam::{call.Inventory.AccountId}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie"),
            ("status", m.Status),
            ("updatedAt", Iso(call.Inventory.CollectedAt.AddDays(-20))));
    }

    private static object GetAutomatedDiscoveryConfiguration(Call call)
    {
        var m = Session(call);
        return O(
            ("status", m.AutomatedDiscoveryEnabled ? "ENABLED" : "DISABLED"),
            ("firstEnabledAt", m.AutomatedDiscoveryEnabled ? Iso(call.Inventory.CollectedAt.AddDays(-100)) : null),
            ("lastUpdatedAt", Iso(call.Inventory.CollectedAt.AddDays(-20))));
    }

    private static object ListClassificationJobs(Call call)
    {
        var jobs = Enumerable.Range(1, Session(call).ClassificationJobCount).ToArray();
        var (page, next) = call.Page(jobs, call.J("nextToken"), call.JInt("maxResults"), 100);
        return O(
            ("items", A(page, n => O(
                ("jobId", Ids.Hex($"{call.Inventory.AccountId}/{call.Region}/job/{n}", 32)), ("name", $"discovery-job-{n}"),
                ("jobStatus", "RUNNING"), ("jobType", "SCHEDULED"), ("createdAt", Iso(call.Inventory.CollectedAt.AddDays(-50)))))),
            ("nextToken", next));
    }
}

/// <summary>Security Hub: DescribeHub answers InvalidAccessException when the account is not subscribed in the region.</summary>
public sealed class SecurityHubService : ServiceHandler
{
    public SecurityHubService()
    {
        On("GET", "/accounts", "DescribeHub", DescribeHub);
        On("POST", "/standards/get", "GetEnabledStandards", GetEnabledStandards);
    }

    public override ServiceInfo Info => ServiceInfo.All["securityhub"];

    private static Dashboard.Core.Inventory.SecurityHubHub Hub(Call call) =>
        call.Inventory.SecurityHub.HubsByRegion.GetValueOrDefault(call.Region)
            ?? throw new AwsException("InvalidAccessException", $"Account {call.Inventory.AccountId} is not subscribed to AWS Security Hub", 401);

    private static object DescribeHub(Call call)
    {
        var h = Hub(call);
        return O(("HubArn", h.HubArn), ("SubscribedAt", h.SubscribedAt is null ? null : Iso(h.SubscribedAt.Value)), ("AutoEnableControls", true));
    }

    private static object GetEnabledStandards(Call call)
    {
        var hub = Hub(call);
        var (page, next) = call.Page(hub.EnabledStandardArns, call.J("NextToken"), call.JInt("MaxResults"), 10);
        return O(
            ("StandardsSubscriptions", A(page, arn => O(
                ("StandardsSubscriptionArn", $"arn:{call.Inventory.Partition}:securityhub:{call.Region}:{call.Inventory.AccountId}:subscription/{arn[(arn.IndexOf('/') + 1)..]}"),
                ("StandardsArn", arn),
                ("StandardsInput", new JsonObject()),
                ("StandardsStatus", "READY")))),
            ("NextToken", next));
    }
}
