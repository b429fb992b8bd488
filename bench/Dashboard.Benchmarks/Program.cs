using Dashboard.Benchmarks;

return args.FirstOrDefault() switch
{
    "query" => await QueryBenchmark.RunAsync(args.Skip(1).ToArray()),
    "scaleout" => await ScaleOutBenchmark.RunAsync(args.Skip(1).ToArray()),
    "scan" => await ScanBenchmark.RunAsync(args.Skip(1).ToArray()),
    "evaluate" => EvaluateBenchmark.Run(args.Skip(1).ToArray()),
    "all" => await All(args.Skip(1).ToArray()),
    "record" => await RecordBenchmark.RunAsync(args.Skip(1).ToArray()),
    "ui" => await UiBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

// Every command in turn with its defaults; a non-zero exit stops the run. ui only where Debian's chromium is installed.
static async Task<int> All(string[] args)
{
    var chromium = File.Exists(UiBenchmark.ChromiumPath);
    if (!chromium)
    {
        Console.WriteLine($"ui skipped: no {UiBenchmark.ChromiumPath}");
    }

    string[] commands = ["query", "ui", "scan", "evaluate", "record", "scaleout"];
    foreach (var command in commands.Where(c => chromium || c != "ui"))
    {
        Console.WriteLine($"# {command}");
        var code = command switch
        {
            "query" => await QueryBenchmark.RunAsync(args),
            "scan" => await ScanBenchmark.RunAsync(args),
            "scaleout" => await ScaleOutBenchmark.RunAsync(args),
            "record" => await RecordBenchmark.RunAsync(args),
            "ui" => await UiBenchmark.RunAsync(args),
            _ => EvaluateBenchmark.Run(args),
        };
        if (code != 0)
        {
            return code;
        }
    }

    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Dashboard.Benchmarks -- COMMAND");
    Console.Error.WriteLine("  " + QueryBenchmark.Usage);
    Console.Error.WriteLine("  scaleout [--accounts 20] [--latency-ms 30] [--workers 1,2] [--rounds 2] [--postgres CONNECTION_STRING]");
    Console.Error.WriteLine("  scan [--preset issue9] [--latency-ms 30] [--no-rate-limits]");
    Console.Error.WriteLine("  evaluate [--preset issue9] [--runs 7]");
    Console.Error.WriteLine("  all");
    Console.Error.WriteLine("  record [--runs 3] [--postgres CONNSTR]");
    Console.Error.WriteLine("  " + UiBenchmark.Usage);
    return 2;
}
