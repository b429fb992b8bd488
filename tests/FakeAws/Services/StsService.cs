using FakeAws.Wire;
using static FakeAws.Wire.X;

namespace FakeAws.Services;

public sealed class StsService : ServiceHandler
{
    public StsService()
    {
        On("GetCallerIdentity", GetCallerIdentity);
        On("AssumeRole", AssumeRole);
    }

    public override ServiceInfo Info => ServiceInfo.All["sts"];

    public override string? Resource(Call call) => call.P("RoleArn");

    private static object GetCallerIdentity(Call call) => new object?[]
    {
        E("UserId", UserId(call.Principal)),
        E("Account", call.Account.Scenario.AccountId),
        E("Arn", call.Principal),
    };

    private static object AssumeRole(Call call)
    {
        var roleArn = call.P("RoleArn") ?? throw AwsException.Validation(call.Service, "RoleArn is required.");
        var sessionName = call.P("RoleSessionName") ?? throw AwsException.Validation(call.Service, "RoleSessionName is required.");
        var denied = new AwsException("AccessDenied", $"User: {call.Principal} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", 403);
        var target = call.State.Accounts.FirstOrDefault(a => a.Scenario.AssumableRoles.Any(r => r.RoleArn == roleArn)) ?? throw denied;
        var role = target.Scenario.AssumableRoles.First(r => r.RoleArn == roleArn);
        if (role.ExternalId is not null && call.P("ExternalId") != role.ExternalId)
        {
            throw denied;
        }

        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var partition = target.Scenario.Inventory.Partition;
        var assumed = $"arn:{partition}:sts::{target.Scenario.AccountId}:assumed-role/{roleName}/{sessionName}";
        var credential = call.State.IssueTemporary(target, assumed);
        var duration = call.PInt("DurationSeconds") ?? 3600;
        return new object?[]
        {
            E("Credentials",
                E("AccessKeyId", credential.AccessKeyId),
                E("SecretAccessKey", credential.SecretAccessKey),
                E("SessionToken", credential.SessionToken),
                E("Expiration", DateTimeOffset.UtcNow.AddSeconds(duration))),
            E("AssumedRoleUser",
                E("AssumedRoleId", $"{Ids.Iam("AROA", roleArn)}:{sessionName}"),
                E("Arn", assumed)),
        };
    }

    private static string UserId(string principal) =>
        principal.Contains(":assumed-role/", StringComparison.Ordinal)
            ? Ids.Iam("AROA", principal[..principal.LastIndexOf('/')]) + ":" + principal[(principal.LastIndexOf('/') + 1)..]
            : Ids.Iam("AIDA", principal);
}
