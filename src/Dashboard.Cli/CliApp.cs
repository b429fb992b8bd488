namespace Dashboard.Cli;

/// <summary>One CLI command: its summary for --help and what it runs (arguments after the command name).</summary>
public sealed record CliCommand(string Summary, Func<string[], TextWriter, TextWriter, CancellationToken, Task<int>> Run);

/// <summary>Dispatches `dashboard &lt;command&gt; [options]`. Each command lives in Commands/&lt;Name&gt;Command.cs.</summary>
public static class CliApp
{
    private static readonly Dictionary<string, CliCommand> Commands = new(StringComparer.Ordinal)
    {
        ["checks"] = Dashboard.Cli.Commands.ChecksCommand.Command,
        ["policy"] = Dashboard.Cli.Commands.PolicyCommand.Command,
        ["scan"] = Dashboard.Cli.Commands.ScanCommand.Command,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync("usage: dashboard <command> [options]");
            foreach (var (name, command) in Commands.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                await stdout.WriteLineAsync($"  {name,-8} {command.Summary}");
            }

            return args.Length == 0 ? 2 : 0;
        }

        if (!Commands.TryGetValue(args[0], out var found))
        {
            await stderr.WriteLineAsync($"unknown command '{args[0]}'; run with --help to list the commands");
            return 2;
        }

        return await found.Run(args[1..], stdout, stderr, cancellationToken);
    }
}
