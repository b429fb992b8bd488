using Dashboard.Aws.Policy;

namespace Dashboard.Cli.Commands;

/// <summary>`policy [--format json|cloudformation|terraform]`: prints the scanner's IAM policy or a role template.</summary>
internal static class PolicyCommand
{
    public static readonly CliCommand Command = new("print the scanner's read-only IAM policy or a role template", RunAsync);

    private static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var format = "json";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--format" && i + 1 < args.Length)
            {
                format = args[++i];
            }
            else
            {
                await stderr.WriteLineAsync($"unknown argument '{args[i]}'; usage: policy [--format json|cloudformation|terraform]");
                return 2;
            }
        }

        string? text = format switch
        {
            "json" => ScannerPolicy.Json(),
            "cloudformation" => ScannerPolicy.CloudFormation(),
            "terraform" => ScannerPolicy.Terraform(),
            _ => null,
        };
        if (text is null)
        {
            await stderr.WriteLineAsync($"unknown format '{format}'; use json, cloudformation or terraform");
            return 2;
        }

        await stdout.WriteAsync(text);
        return 0;
    }
}
