namespace Dashboard.Web.Security;

/// <summary>
/// The four roles. Admin can do everything; Analyst (triage) and Operator (accounts and scans) are separate
/// duties that both include Viewer's read access.
/// </summary>
public static class Roles
{
    public const string Viewer = "Viewer";
    public const string Analyst = "Analyst";
    public const string Operator = "Operator";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Analyst, Operator, Admin];
}

/// <summary>Authorization policies; pages, actions and endpoints name one of these, never a role directly.</summary>
public static class Policies
{
    /// <summary>Read the dashboard: any signed-in user with a role.</summary>
    public const string View = "View";

    /// <summary>Triage, mute and comment on findings.</summary>
    public const string Triage = "Triage";

    /// <summary>Manage accounts, scans and schedules.</summary>
    public const string Operate = "Operate";

    /// <summary>Users, roles, settings, the jobs dashboard and the audit log.</summary>
    public const string Admin = "Admin";
}
