using System.Globalization;
using System.Text;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Administrative commands run by the web host's own executable, e.g. creating the first admin:
/// <c>dotnet Dashboard.Web.dll users add --email you@example.com --role Admin</c>. They use the same configuration
/// and database as the web app, migrate the database first, and never start the web server, jobs or the demo.
/// Passwords are read from a prompt (echo off) or one line of standard input, never from an argument.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public const string Usage = """
        Usage: dotnet Dashboard.Web.dll users <command> [options]
               (or: dotnet run --project src/Dashboard.Web -- users <command> [options])

          users add --email EMAIL --role ROLE [--role ROLE ...]
                Create a user. The password is asked for (not echoed) on a terminal,
                or read as one line from standard input: echo "$PASSWORD" | ... users add ...
          users list
                List users with their roles and status.
          users set-roles --email EMAIL --role ROLE [--role ROLE ...]
                Replace a user's roles.
          users disable --email EMAIL
          users enable --email EMAIL

        Roles: Viewer (read), Analyst (triage), Operator (accounts and scans), Admin (everything).
        Exit codes: 0 done, 1 failed, 2 usage error.
        """;

    /// <summary>
    /// Runs a command when <paramref name="args"/> starts with "users" and returns true (the exit code is in
    /// <see cref="Environment.ExitCode"/>); returns false for a normal web start.
    /// </summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || !string.Equals(args[0], "users", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var console = new CommandConsole(Console.In, Console.Out, Console.Error, Interactive: !Console.IsInputRedirected);
        Environment.ExitCode = await RunUsersAsync(app.Services, args[1..], console, app.Lifetime.ApplicationStopping);
        return true;
    }

    /// <summary>The "users" commands against <paramref name="services"/>; returns the exit code.</summary>
    internal static async Task<int> RunUsersAsync(IServiceProvider services, string[] args, CommandConsole console, CancellationToken cancellationToken = default)
    {
        if (!TryParse(args, out var command, out var options, out var usageError))
        {
            await console.Error.WriteLineAsync(usageError);
            await console.Error.WriteLineAsync();
            await console.Error.WriteLineAsync(Usage);
            return UsageError;
        }

        if (command == "help")
        {
            await console.Out.WriteLineAsync(Usage);
            return Ok;
        }

        try
        {
            // The same start-up steps the web app runs: validate the settings, migrate the database, make sure the roles exist.
            services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            await ActivatorUtilities.CreateInstance<DatabaseMigrator>(services).StartAsync(cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            await administration.EnsureRolesAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var actor = $"cli ({Environment.UserName})";

            switch (command)
            {
                case "list":
                    return await ListAsync(scope.ServiceProvider, console, cancellationToken);

                case "add":
                {
                    if (await users.FindByEmailAsync(options.Email!) is not null)
                    {
                        await console.Error.WriteLineAsync($"A user with the email {options.Email} already exists; use users set-roles to change its roles.");
                        return Failure;
                    }

                    var password = ReadPassword(console, options.Email!);
                    if (password is null)
                    {
                        await console.Error.WriteLineAsync(console.Interactive
                            ? "The passwords did not match; nothing was changed."
                            : "No password on standard input: pipe it as one line, e.g. echo \"$PASSWORD\" | dotnet Dashboard.Web.dll users add ...");
                        return console.Interactive ? Failure : UsageError;
                    }

                    var result = await administration.CreateAsync(options.Email!, password, options.Roles, actor);
                    return await ReportAsync(console, result, $"Created {options.Email} with the role(s) {string.Join(", ", options.Roles)}.");
                }

                case "set-roles":
                case "disable":
                case "enable":
                {
                    var user = await users.FindByEmailAsync(options.Email!.Trim());
                    if (user is null)
                    {
                        await console.Error.WriteLineAsync($"No user has the email {options.Email}. See: users list");
                        return Failure;
                    }

                    var result = command switch
                    {
                        "set-roles" => await administration.SetRolesAsync(user, options.Roles, actor, actorId: null),
                        "disable" => await administration.SetDisabledAsync(user, disabled: true, actor, actorId: null),
                        _ => await administration.SetDisabledAsync(user, disabled: false, actor, actorId: null),
                    };
                    return await ReportAsync(console, result, command switch
                    {
                        "set-roles" => $"{user.Email} now has the role(s) {string.Join(", ", options.Roles)}.",
                        "disable" => $"{user.Email} is disabled; open sessions end at their next check.",
                        _ => $"{user.Email} is enabled.",
                    });
                }

                default:
                    throw new InvalidOperationException($"unhandled command {command}");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"users {command} failed: {e.Message}");
            return Failure;
        }
    }

    private static async Task<int> ListAsync(IServiceProvider services, CommandConsole console, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var rows = await new Features.Admin.UsersQuery(dbFactory).ListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            await console.Out.WriteLineAsync("No users yet. Create the first admin with: users add --email you@example.com --role Admin");
            return Ok;
        }

        var table = rows.Select(u => new[]
        {
            u.Email,
            u.Roles.Count == 0 ? "-" : string.Join(",", u.Roles),
            u.IsDisabled ? "disabled" : "active",
            u.MfaEnabled ? "on" : "off",
            u.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            u.LastSignInAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never",
        }).Prepend(["EMAIL", "ROLES", "STATUS", "MFA", "CREATED (UTC)", "LAST SIGN-IN (UTC)"]).ToList();
        var widths = Enumerable.Range(0, table[0].Length).Select(i => table.Max(r => r[i].Length)).ToArray();
        foreach (var row in table)
        {
            await console.Out.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
        }

        return Ok;
    }

    private static async Task<int> ReportAsync(CommandConsole console, IdentityResult result, string success)
    {
        if (result.Succeeded)
        {
            await console.Out.WriteLineAsync(success);
            return Ok;
        }

        foreach (var error in result.Errors)
        {
            await console.Error.WriteLineAsync(error.Description);
        }

        return Failure;
    }

    /// <summary>On a terminal: asks twice with echo off (null when they differ). Otherwise: one line of standard input (null at its end).</summary>
    private static string? ReadPassword(CommandConsole console, string email)
    {
        if (!console.Interactive)
        {
            return console.In.ReadLine();
        }

        var first = ReadHidden(console, $"Password for {email}: ");
        var second = ReadHidden(console, "Repeat the password: ");
        return first == second ? first : null;
    }

    private static string ReadHidden(CommandConsole console, string prompt)
    {
        console.Error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        console.Error.WriteLine();
        return password.ToString();
    }

    private static bool TryParse(string[] args, out string command, out CommandOptions options, out string error)
    {
        options = new CommandOptions();
        error = "";
        command = args.Length == 0 ? "" : args[0].ToLowerInvariant();
        if (command is "help" or "--help" or "-h")
        {
            command = "help";
            return true;
        }

        if (command is not ("add" or "list" or "set-roles" or "disable" or "enable"))
        {
            error = command.Length == 0 ? "Missing command." : $"Unknown command '{args[0]}'.";
            return false;
        }

        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            var (name, inlineValue) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && arg.StartsWith("--", StringComparison.Ordinal)
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, (string?)null);
            if (name is "--help" or "-h")
            {
                command = "help";
                return true;
            }

            if (name is "--password" or "-p")
            {
                error = "Passwords are never taken from arguments (they would end up in shell history and process lists): type it at the prompt, or pipe it on standard input.";
                return false;
            }

            if (name is not ("--email" or "--role"))
            {
                error = $"Unknown option '{arg}'.";
                return false;
            }

            var value = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
            if (string.IsNullOrWhiteSpace(value))
            {
                error = $"{name} needs a value.";
                return false;
            }

            if (name == "--email")
            {
                options.Email = value.Trim();
                continue;
            }

            foreach (var role in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var known = Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    error = $"Unknown role '{role}'. Roles are {string.Join(", ", Roles.All)}.";
                    return false;
                }

                if (!options.Roles.Contains(known))
                {
                    options.Roles.Add(known);
                }
            }
        }

        if (command != "list" && options.Email is null)
        {
            error = $"users {command} needs --email.";
            return false;
        }

        if (command is "add" or "set-roles" && options.Roles.Count == 0)
        {
            error = $"users {command} needs at least one --role ({string.Join(", ", Roles.All)}).";
            return false;
        }

        if (command is "list" or "disable" or "enable" && options.Roles.Count > 0)
        {
            error = $"users {command} takes no --role.";
            return false;
        }

        if (command == "list" && options.Email is not null)
        {
            error = "users list takes no --email.";
            return false;
        }

        return true;
    }

    private sealed class CommandOptions
    {
        public string? Email { get; set; }
        public List<string> Roles { get; } = [];
    }
}

/// <summary>Where a command reads and writes; <see cref="Interactive"/> means standard input is a terminal.</summary>
internal sealed record CommandConsole(TextReader In, TextWriter Out, TextWriter Error, bool Interactive);
