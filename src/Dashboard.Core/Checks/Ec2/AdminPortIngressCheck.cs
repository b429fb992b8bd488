using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>
/// The shared evaluation of CIS 5.3 (IPv4), 5.4 (IPv6), 5.1.2 (CIFS) and checklist X8 (database ports): per security group,
/// Pass unless an ingress rule lets the whole internet of the checked address families reach one of the checked ports.
/// The checks differ only in metadata, families and ports.
/// </summary>
public abstract class AdminPortIngressCheck : Check
{
    private protected abstract IReadOnlyList<AdminPortExposure.AddressFamily> Families { get; }

    /// <summary>The ports to protect; the admin ports of <see cref="CheckSettings.AdminPorts"/> unless a check says otherwise.</summary>
    private protected virtual IReadOnlyList<int> Ports(CheckSettings settings) => settings.AdminPorts;

    /// <summary>What the ports are, for reasons: "an admin port".</summary>
    private protected virtual string PortKind => "an admin port";

    /// <summary>The evidence key that lists the ports.</summary>
    private protected virtual string PortsEvidenceKey => "adminPorts";

    /// <summary>The whole internet in the checked families, for reasons: 0.0.0.0/0, ::/0, or both.</summary>
    private string World => string.Join(" or ", Families.Select(f => f == AdminPortExposure.AddressFamily.IPv4 ? "0.0.0.0/0" : "::/0"));

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

        var ports = Ports(context.Settings);
        var portsEvidence = (PortsEvidenceKey, AdminPortExposure.JoinPorts(ports));
        foreach (var group in groups)
        {
            var arn = group.Arn(inventory.Partition, inventory.AccountId);
            var open = Families.SelectMany(f => AdminPortExposure.FindOpenRules(group, f, ports)).ToList();
            yield return open.Count == 0
                ? Pass(group.Region, group.GroupId, arn, $"no ingress from {World} reaches {PortKind}", portsEvidence)
                : Fail(group.Region, group.GroupId, arn, string.Join("; ", open.Select(o => o.Describe())),
                    portsEvidence, ("groupName", group.GroupName));
        }
    }
}
