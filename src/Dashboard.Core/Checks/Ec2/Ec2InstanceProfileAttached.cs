using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>
/// CIS v5 1.17: every instance that is not terminated has an instance profile holding an IAM role, so software on it uses
/// short-lived role credentials instead of access keys. Whether the profile holds a role comes from the IAM authorization
/// details (instance profiles of the account's roles); without them the verdict for an attached profile is an Error.
/// </summary>
public sealed class Ec2InstanceProfileAttached : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_instance_profile_attached",
        Title = "EC2 instance has an IAM role through an instance profile",
        Service = "ec2",
        ResourceType = "AWS::EC2::Instance",
        Severity = Severity.Medium,
        Rationale = "Software on an instance without a role tends to get long-lived access keys in files or environment variables, which leak "
            + "through backups, images and logs. A role hands out short-lived credentials that rotate on their own.",
        Remediation = new Remediation(
            Steps: "Create a role that EC2 can assume with only the permissions the workload needs, put it in an instance profile and attach the profile "
                + "to the instance. Then remove any access keys stored on the instance and deactivate them in IAM. "
                + "AmazonSSMManagedInstanceCore in the role also enables Session Manager access.",
            Cli: "aws iam create-instance-profile --instance-profile-name <profile>\n"
                + "aws iam add-role-to-instance-profile --instance-profile-name <profile> --role-name <role>\n"
                + "aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<profile>",
            Terraform: "resource \"aws_iam_instance_profile\" \"app\" {\n"
                + "  name = \"app\"\n"
                + "  role = aws_iam_role.app.name\n"
                + "}\n"
                + "resource \"aws_instance\" \"app\" {\n"
                + "  # ...\n"
                + "  iam_instance_profile = aws_iam_instance_profile.app.name\n"
                + "}",
            CloudFormation: "Instance:\n"
                + "  Type: AWS::EC2::Instance\n"
                + "  Properties:\n"
                + "    IamInstanceProfile: !Ref AppInstanceProfile"),
        References =
        [
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html",
        ],
        DataSources = [Sources.Ec2Instances, Sources.IamAuthorizationDetails],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.Ec2Instances);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "instances", null, error);
        }

        var instances = inventory.Ec2.Instances.Where(i => i.State is not ("terminated" or "shutting-down")).ToList();
        if (instances.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no running or stopped EC2 instances");
        }

        var iamError = context.FirstError(Sources.IamAuthorizationDetails);
        foreach (var instance in instances)
        {
            var arn = instance.Arn(inventory.Partition, inventory.AccountId);
            if (instance.IamInstanceProfileArn is not { Length: > 0 } profileArn)
            {
                yield return Fail(instance.Region, instance.InstanceId, arn, "no instance profile is attached, so the instance has no IAM role");
                continue;
            }

            var profileName = profileArn[(profileArn.LastIndexOf('/') + 1)..];
            var roles = RolesOf(inventory.Iam, profileArn, profileName);
            var evidence = ("instanceProfile", profileArn);
            if (roles.Count > 0)
            {
                yield return Pass(instance.Region, instance.InstanceId, arn, $"instance profile {profileName} gives it role {string.Join(", ", roles)}",
                    evidence, ("roles", string.Join(", ", roles)));
            }
            else if (iamError is not null)
            {
                yield return Error(instance.Region, instance.InstanceId, arn, iamError);
            }
            else
            {
                yield return Fail(instance.Region, instance.InstanceId, arn, $"instance profile {profileName} holds no IAM role", evidence);
            }
        }
    }

    /// <summary>Roles in the profile, from the profile list or from the roles that name it.</summary>
    private static List<string> RolesOf(IamData iam, string profileArn, string profileName) =>
        iam.InstanceProfiles
            .Where(p => string.Equals(p.Arn, profileArn, StringComparison.Ordinal) || string.Equals(p.InstanceProfileName, profileName, StringComparison.Ordinal))
            .SelectMany(p => p.RoleNames)
            .Concat(iam.Roles.Where(r => r.InstanceProfileNames.Contains(profileName, StringComparer.Ordinal)).Select(r => r.RoleName))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
