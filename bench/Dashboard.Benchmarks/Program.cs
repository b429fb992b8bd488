using Dashboard.Benchmarks;

return args.FirstOrDefault() switch
{
    "findings" => await FindingsBenchmark.RunAsync(args.Skip(1).ToArray()),
    "scaleout" => await ScaleOutBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Dashboard.Benchmarks -- findings [--findings 1000000] [--accounts 50] [--days 365]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Dashboard.Benchmarks -- scaleout [--accounts 20] [--latency-ms 30] [--workers 1,2] [--rounds 2] [--postgres CONNECTION_STRING]");
    return 2;
}
