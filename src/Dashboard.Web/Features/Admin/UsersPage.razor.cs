using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Features.Admin;

public partial class UsersPage
{
    private IReadOnlyList<UserRow>? _users;
    private string? _currentUserId;
    private CreateForm? _create;
    private string? _editingRolesFor;
    private IReadOnlyCollection<string> _editRoles = [];
    private bool _busy;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject] private UsersQuery Query { get; set; } = default!;
    [Inject] private UserActions Actions { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IOptions<SecurityOptions> Security { get; set; } = default!;

    private int MinimumPasswordLength => Security.Value.PasswordMinimumLength;

    private string PasswordRule => $"At least {MinimumPasswordLength} characters. The user can change it after signing in.";

    private static string RoleHelp =>
        "Viewer reads; Analyst also triages, mutes and comments; Operator also manages accounts, scans and schedules; Admin can do everything, including users and the audit log.";

    protected override async Task OnInitializedAsync()
    {
        _currentUserId = (await AuthenticationState).User.FindFirstValue(ClaimTypes.NameIdentifier);
        await ReloadAsync();
    }

    private async Task ReloadAsync() => _users = await Query.ListAsync(CancellationToken.None);

    /// <summary>
    /// Every action re-checks the Admin policy against the current authentication state, and that the session is
    /// still current in the database: a circuit outlives role changes. A refusal is shown and audited.
    /// </summary>
    private async Task<AdminActor?> AuthorizeAsync(string action, string? target)
    {
        var user = (await AuthenticationState).User;
        var actor = AdminActor.From(user);
        if ((await Authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded && await Actions.IsSessionCurrentAsync(user))
        {
            return actor;
        }

        await Actions.AuditDeniedAsync(actor, action, target);
        Snackbar.Add("You are no longer allowed to administer users. Reload the page to sign in again.", MudBlazor.Severity.Error);
        return null;
    }

    /// <summary>Runs an action with the buttons disabled, reports the outcome, and reloads the table.</summary>
    private async Task RunAsync(string action, string target, Func<AdminActor, Task<IdentityResult>> change, string success)
    {
        _busy = true;
        try
        {
            if (await AuthorizeAsync(action, target) is not { } actor)
            {
                return;
            }

            var result = await change(actor);
            if (result.Succeeded)
            {
                Snackbar.Add(success, MudBlazor.Severity.Success);
            }
            else
            {
                Snackbar.Add(string.Join(" ", result.Errors.Select(e => e.Description)), MudBlazor.Severity.Error);
            }

            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private void OpenCreate() => _create = new CreateForm();

    private void CloseCreate() => _create = null;

    private void OnCreateEmailChanged(string? value) => _create!.Email = value ?? "";

    private void OnCreatePasswordChanged(string? value) => _create!.Password = value ?? "";

    private void OnCreateRolesChanged(IReadOnlyCollection<string>? values) => _create!.Roles = values?.ToList() ?? [];

    private async Task CreateAsync()
    {
        if (_create is not { } form)
        {
            return;
        }

        _busy = true;
        try
        {
            var email = form.Email.Trim();
            if (await AuthorizeAsync("user.create", $"user:{email}") is not { } actor || !Validate(form, email))
            {
                return;
            }

            var result = await Actions.CreateAsync(email, form.Password, Roles.All.Where(form.Roles.Contains).ToList(), actor);
            if (!result.Succeeded)
            {
                form.ServerErrors.AddRange(result.Errors.Select(e => e.Description));
                return;
            }

            Snackbar.Add($"Created {email} ({string.Join(", ", form.Roles)}).", MudBlazor.Severity.Success);
            _create = null;
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private bool Validate(CreateForm form, string email)
    {
        form.ServerErrors.Clear();
        form.EmailError = email.Length == 0 ? "Enter the user's email address."
            : new EmailAddressAttribute().IsValid(email) ? null : $"'{email}' is not a valid email address.";
        form.PasswordError = form.Password.Length == 0 ? $"Enter an initial password of at least {MinimumPasswordLength} characters."
            : form.Password.Length < MinimumPasswordLength ? $"The password is too short: at least {MinimumPasswordLength} characters." : null;
        form.RolesError = form.Roles.Count == 0 ? "Choose at least one role." : null;
        return form.EmailError is null && form.PasswordError is null && form.RolesError is null;
    }

    private void EditRoles(UserRow user)
    {
        _editingRolesFor = user.Id;
        _editRoles = user.Roles.ToList();
    }

    private void CancelEditRoles() => _editingRolesFor = null;

    private void OnEditRolesChanged(IReadOnlyCollection<string>? values) => _editRoles = values?.ToList() ?? [];

    private async Task SaveRolesAsync(UserRow user)
    {
        var roles = Roles.All.Where(_editRoles.Contains).ToList();
        await RunAsync("user.set-roles", $"user:{user.Email}", actor => Actions.SetRolesAsync(user.Id, roles, actor),
            $"{user.Email} now has the roles {string.Join(", ", roles)}.");
        if (_users?.FirstOrDefault(u => u.Id == user.Id) is not { } updated || updated.Roles.SequenceEqual(roles))
        {
            _editingRolesFor = null;
        }
    }

    private Task ToggleDisabledAsync(UserRow user) =>
        RunAsync(user.IsDisabled ? "user.enable" : "user.disable", $"user:{user.Email}",
            actor => Actions.SetDisabledAsync(user.Id, !user.IsDisabled, actor),
            user.IsDisabled ? $"{user.Email} is enabled." : $"{user.Email} is disabled and signed out everywhere.");

    private async Task ResetMfaAsync(UserRow user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Reset two-factor authentication",
            $"Turn off two-factor authentication for {user.Email} and forget their authenticator app and recovery codes? They are signed out and can set it up again.",
            yesText: "Reset", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync("user.reset-mfa", $"user:{user.Email}", actor => Actions.ResetMfaAsync(user.Id, actor),
                $"Two-factor authentication of {user.Email} is reset.");
        }
    }

    private async Task DeleteAsync(UserRow user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete user",
            $"Delete {user.Email}? This cannot be undone; their API tokens stop working. The audit log keeps their past actions.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync("user.delete", $"user:{user.Email}", actor => Actions.DeleteAsync(user.Id, actor), $"Deleted {user.Email}.");
        }
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private sealed class CreateForm
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
        public List<string> Roles { get; set; } = [];
        public string? EmailError { get; set; }
        public string? PasswordError { get; set; }
        public string? RolesError { get; set; }
        public List<string> ServerErrors { get; } = [];
    }
}
