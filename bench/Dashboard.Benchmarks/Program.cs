using Dashboard.Benchmarks;

return args.FirstOrDefault() switch
{
    "query" => await QueryBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Dashboard.Benchmarks -- COMMAND");
    Console.Error.WriteLine("  " + QueryBenchmark.Usage);
    return 2;
}
