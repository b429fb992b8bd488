using System.Text.Json;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Admin;

/// <summary>UserAdministration against the real Identity stores: validation, audit entries, stamps and the last-admin guard.</summary>
public class UserAdministrationTests : IClassFixture<DashboardAppFactory>
{
    private readonly DashboardAppFactory _factory;

    public UserAdministrationTests(DashboardAppFactory factory) => _factory = factory;

    private async Task<IdentityResult> CreateAsync(string email, string? password, params string[] roles)
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(email, password, roles, "admin@test.local", "admin-id");
    }

    [Theory]
    [InlineData("not-an-email", "InvalidEmail")]
    [InlineData("", "InvalidEmail")]
    [InlineData("   ", "InvalidEmail")]
    public async Task Create_BadEmail_FailsWithoutCreatingAUser(string email, string code)
    {
        var result = await CreateAsync(email, TestUsers.Password, Roles.Viewer);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == code);
    }

    [Fact]
    public async Task Create_ShortPassword_FailsWithIdentitysMessage()
    {
        var result = await CreateAsync("short-password@test.local", "short", Roles.Viewer);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("PasswordTooShort", error.Code);
        Assert.Contains("12", error.Description, StringComparison.Ordinal);
        Assert.Null(await _factory.FindUserAsync("short-password@test.local"));
    }

    [Fact]
    public async Task Create_NoRoleOrUnknownRole_Fails()
    {
        var none = await CreateAsync("no-role@test.local", TestUsers.Password);
        Assert.Contains(none.Errors, e => e.Code == "NoRole");
        var unknown = await CreateAsync("unknown-role@test.local", TestUsers.Password, "Root");
        Assert.Contains(unknown.Errors, e => e.Code == "UnknownRole" && e.Description.Contains("Root", StringComparison.Ordinal));
        Assert.Null(await _factory.FindUserAsync("no-role@test.local"));
        Assert.Null(await _factory.FindUserAsync("unknown-role@test.local"));
    }

    [Fact]
    public async Task Create_DuplicateEmail_Fails()
    {
        Assert.True((await CreateAsync("twice@test.local", TestUsers.Password, Roles.Viewer)).Succeeded);
        var again = await CreateAsync("twice@test.local", TestUsers.Password, Roles.Admin);
        Assert.False(again.Succeeded);
        Assert.Contains(again.Errors, e => e.Code is "DuplicateUserName" or "DuplicateEmail");
    }

    [Fact]
    public async Task Create_WritesAuditEntryWithActorAndRoles()
    {
        Assert.True((await CreateAsync("created@test.local", TestUsers.Password, Roles.Operator, Roles.Analyst)).Succeeded);
        var entry = Assert.Single(await _factory.AuditAsync(a => a.Action == "user.created" && a.Target == "user:created@test.local"));
        Assert.Equal("admin@test.local", entry.Actor);
        Assert.Equal("admin-id", entry.UserId);
        Assert.Null(entry.Before);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.Equal([Roles.Analyst, Roles.Operator], after.RootElement.GetProperty("Roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public async Task SetRoles_ChangesRolesAndStampAndAuditsBeforeAfter()
    {
        var user = await _factory.CreateUserAsync("roles@test.local", Roles.Viewer);
        var stampBefore = user.SecurityStamp;

        var result = await _factory.AdministerAsync("roles@test.local", (admin, u) => admin.SetRolesAsync(u, [Roles.Analyst, Roles.Operator], "admin@test.local", "admin-id"));

        Assert.True(result.Succeeded);
        Assert.Equal([Roles.Analyst, Roles.Operator], (await _factory.RolesOfAsync("roles@test.local")).Order().ToArray());
        Assert.NotEqual(stampBefore, (await _factory.FindUserAsync("roles@test.local"))!.SecurityStamp);
        var entry = Assert.Single(await _factory.AuditAsync(a => a.Action == "user.roles-changed" && a.Target == "user:roles@test.local"));
        Assert.Equal("admin@test.local", entry.Actor);
        Assert.Equal("""{"Roles":["Viewer"]}""", entry.Before);
        Assert.Equal("""{"Roles":["Analyst","Operator"]}""", entry.After);
    }

    [Fact]
    public async Task SetRoles_EmptyOrUnknown_FailsAndKeepsRoles()
    {
        await _factory.CreateUserAsync("keep-roles@test.local", Roles.Viewer);
        Assert.False((await _factory.AdministerAsync("keep-roles@test.local", (a, u) => a.SetRolesAsync(u, [], "t", null))).Succeeded);
        Assert.False((await _factory.AdministerAsync("keep-roles@test.local", (a, u) => a.SetRolesAsync(u, ["admin"], "t", null))).Succeeded);
        Assert.Equal([Roles.Viewer], await _factory.RolesOfAsync("keep-roles@test.local"));
    }

    [Fact]
    public async Task SetDisabled_AuditsAndChangesStamp()
    {
        var user = await _factory.CreateUserAsync("disable-me@test.local", Roles.Viewer);
        Assert.True((await _factory.AdministerAsync(user.Email!, (a, u) => a.SetDisabledAsync(u, true, "admin@test.local", "admin-id"))).Succeeded);
        var disabled = (await _factory.FindUserAsync(user.Email!))!;
        Assert.True(disabled.IsDisabled);
        Assert.NotEqual(user.SecurityStamp, disabled.SecurityStamp);
        var entry = Assert.Single(await _factory.AuditAsync(a => a.Action == "user.disabled" && a.Target == "user:disable-me@test.local"));
        Assert.Equal("""{"IsDisabled":false}""", entry.Before);
        Assert.Equal("""{"IsDisabled":true}""", entry.After);

        Assert.True((await _factory.AdministerAsync(user.Email!, (a, u) => a.SetDisabledAsync(u, false, "admin@test.local", "admin-id"))).Succeeded);
        Assert.False((await _factory.FindUserAsync(user.Email!))!.IsDisabled);
        Assert.Single(await _factory.AuditAsync(a => a.Action == "user.enabled" && a.Target == "user:disable-me@test.local"));
    }

    [Fact]
    public async Task ResetMfa_TurnsOffTwoFactorReplacesKeyDropsCodesAndAudits()
    {
        var user = await _factory.CreateUserAsync("mfa-reset@test.local", Roles.Viewer);
        string oldKey;
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var u = (await users.FindByEmailAsync(user.Email!))!;
            await users.ResetAuthenticatorKeyAsync(u);
            oldKey = (await users.GetAuthenticatorKeyAsync(u))!;
            await users.SetTwoFactorEnabledAsync(u, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(u, 10);
        }

        var stampBefore = (await _factory.FindUserAsync(user.Email!))!.SecurityStamp;
        Assert.True((await _factory.AdministerAsync(user.Email!, (a, u) => a.ResetMfaAsync(u, "admin@test.local", "admin-id"))).Succeeded);

        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var u = (await users.FindByEmailAsync(user.Email!))!;
            Assert.False(await users.GetTwoFactorEnabledAsync(u));
            Assert.NotEqual(oldKey, await users.GetAuthenticatorKeyAsync(u));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(u));
            Assert.NotEqual(stampBefore, u.SecurityStamp);
        }

        var entry = Assert.Single(await _factory.AuditAsync(a => a.Action == "user.mfa-reset" && a.Target == "user:mfa-reset@test.local"));
        Assert.Equal("""{"TwoFactorEnabled":true,"HasAuthenticatorKey":true,"RecoveryCodesLeft":10}""", entry.Before);
        Assert.Equal("""{"TwoFactorEnabled":false,"HasAuthenticatorKey":false,"RecoveryCodesLeft":0}""", entry.After);
    }

    [Fact]
    public async Task Delete_RemovesUserAndAuditsWhatItWas()
    {
        await _factory.CreateUserAsync("delete-me@test.local", Roles.Analyst);
        Assert.True((await _factory.AdministerAsync("delete-me@test.local", (a, u) => a.DeleteAsync(u, "admin@test.local", "admin-id"))).Succeeded);
        Assert.Null(await _factory.FindUserAsync("delete-me@test.local"));
        var entry = Assert.Single(await _factory.AuditAsync(a => a.Action == "user.deleted" && a.Target == "user:delete-me@test.local"));
        Assert.Contains("\"Roles\":[\"Analyst\"]", entry.Before, StringComparison.Ordinal);
        Assert.Null(entry.After);
    }

    /// <summary>A fresh app, so "the last enabled Admin" is not affected by other tests' users.</summary>
    [Fact]
    public async Task LastEnabledAdmin_CannotBeDemotedDisabledOrDeleted_UntilAnotherAdminExists()
    {
        using var factory = new DashboardAppFactory();
        await factory.CreateUserAsync("only-admin@test.local", Roles.Admin);
        await factory.CreateUserAsync("viewer@test.local", Roles.Viewer);

        var demote = await factory.AdministerAsync("only-admin@test.local", (a, u) => a.SetRolesAsync(u, [Roles.Viewer], "only-admin@test.local", u.Id));
        var disable = await factory.AdministerAsync("only-admin@test.local", (a, u) => a.SetDisabledAsync(u, true, "only-admin@test.local", u.Id));
        var delete = await factory.AdministerAsync("only-admin@test.local", (a, u) => a.DeleteAsync(u, "only-admin@test.local", u.Id));
        foreach (var result in new[] { demote, disable, delete })
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal("LastAdmin", error.Code);
            Assert.Contains("last enabled Admin", error.Description, StringComparison.Ordinal);
        }

        Assert.Equal([Roles.Admin], await factory.RolesOfAsync("only-admin@test.local"));
        Assert.False((await factory.FindUserAsync("only-admin@test.local"))!.IsDisabled);
        Assert.Empty(await factory.AuditAsync(a => a.Target == "user:only-admin@test.local" && a.Action != "user.created"));

        // Keeping Admin while adding a role is fine.
        Assert.True((await factory.AdministerAsync("only-admin@test.local", (a, u) => a.SetRolesAsync(u, [Roles.Admin, Roles.Analyst], "t", null))).Succeeded);

        // A disabled second admin does not count; an enabled one does.
        await factory.CreateUserAsync("second-admin@test.local", Roles.Admin);
        Assert.True((await factory.AdministerAsync("second-admin@test.local", (a, u) => a.SetDisabledAsync(u, true, "t", null))).Succeeded);
        Assert.Equal("LastAdmin", Assert.Single((await factory.AdministerAsync("only-admin@test.local", (a, u) => a.DeleteAsync(u, "t", null))).Errors).Code);
        Assert.True((await factory.AdministerAsync("second-admin@test.local", (a, u) => a.SetDisabledAsync(u, false, "t", null))).Succeeded);

        Assert.True((await factory.AdministerAsync("only-admin@test.local", (a, u) => a.SetRolesAsync(u, [Roles.Viewer], "t", null))).Succeeded);
        // Now second-admin is the last one.
        Assert.Equal("LastAdmin", Assert.Single((await factory.AdministerAsync("second-admin@test.local", (a, u) => a.DeleteAsync(u, "t", null))).Errors).Code);
    }
}
