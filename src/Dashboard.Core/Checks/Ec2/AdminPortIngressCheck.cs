using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>
/// The shared evaluation of CIS 5.3 (IPv4) and 5.4 (IPv6): per security group, Pass unless an ingress rule lets the
/// whole internet of that address family reach an admin port. The two checks differ only in metadata and family.
/// </summary>
public abstract class AdminPortIngressCheck : Check
{
    private protected abstract AdminPortExposure.AddressFamily Family { get; }

    /// <summary>The whole internet in this address family, for reasons: 0.0.0.0/0 or ::/0.</summary>
    private protected abstract string World { get; }

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;

        // A failed list leaves the Region's groups unknown: one Error per Region, next to whatever groups were collected.
        var errors = context.FirstErrorPerRegion(Sources.Ec2SecurityGroups);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "security-groups", null, error);
        }

        var groups = inventory.Ec2.SecurityGroups;
        if (groups.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no security groups");
        }

        var adminPorts = context.Settings.AdminPorts;
        var portsEvidence = ("adminPorts", AdminPortExposure.JoinPorts(adminPorts));
        foreach (var group in groups)
        {
            var arn = group.Arn(inventory.Partition, inventory.AccountId);
            var open = AdminPortExposure.FindOpenRules(group, Family, adminPorts);
            yield return open.Count == 0
                ? Pass(group.Region, group.GroupId, arn, $"no ingress from {World} reaches an admin port", portsEvidence)
                : Fail(group.Region, group.GroupId, arn, string.Join("; ", open.Select(o => o.Describe())),
                    portsEvidence, ("groupName", group.GroupName));
        }
    }
}
