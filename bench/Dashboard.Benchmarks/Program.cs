using Dashboard.Benchmarks;

return args.FirstOrDefault() switch
{
    "findings" => await FindingsBenchmark.RunAsync(args.Skip(1).ToArray()),
    "record" => await RecordBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Dashboard.Benchmarks -- findings [--findings 1000000] [--accounts 50] [--days 365]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/Dashboard.Benchmarks -- record [--runs 3] [--postgres CONNSTR]");
    return 2;
}
