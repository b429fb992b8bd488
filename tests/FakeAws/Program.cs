using FakeAws;

// Standalone: dotnet run --project tests/FakeAws -- --scenario FILE [--port N] [--latency-ms 30] [--rate-limits aws]
// Prints the endpoint on the first line, then serves until Ctrl+C or SIGTERM.
// Scenario files: --write-demo FILE (the demo organisation), --write-large FILE [--preset issue9] [--roles N --buckets N ...],
// --write-fleet FILE --accounts N (N small accounts, each with the PostureScanner role).
if (args is ["--write-demo", var demoPath])
{
    File.WriteAllText(demoPath, ScenarioGenerator.Demo(ScenarioGenerator.DemoTime).ToJson());
    return 0;
}

if (args is ["--write-fleet", var fleetPath, "--accounts", var count])
{
    File.WriteAllText(fleetPath, ScenarioGenerator.Fleet(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow).ToJson());
    return 0;
}

if (args is ["--write-large", var largePath, ..])
{
    var spec = new LargeAccountSpec();
    for (var i = 2; i < args.Length - 1; i += 2)
    {
        if (args[i] == "--preset")
        {
            spec = LargeAccountSpec.Presets.TryGetValue(args[i + 1], out var preset)
                ? preset
                : throw new ArgumentException($"Unknown preset {args[i + 1]}; known: {string.Join(", ", LargeAccountSpec.Presets.Keys)}");
            continue;
        }

        var n = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
        spec = args[i] switch
        {
            "--users" => spec with { Users = n },
            "--roles" => spec with { Roles = n },
            "--policies" => spec with { Policies = n },
            "--buckets" => spec with { Buckets = n },
            "--security-groups" => spec with { SecurityGroupsPerRegion = n },
            "--instances" => spec with { InstancesPerRegion = n },
            "--log-groups" => spec with { LogGroups = n },
            "--metric-filters" => spec with { MetricFilters = n },
            "--keys" => spec with { KeysPerRegion = n },
            "--functions" => spec with { FunctionsPerRegion = n },
            "--secrets" => spec with { SecretsPerRegion = n },
            _ => throw new ArgumentException($"Unknown option {args[i]}"),
        };
    }

    File.WriteAllText(largePath, ScenarioGenerator.Large(spec, DateTimeOffset.UtcNow).ToJson());
    return 0;
}

string? scenarioPath = null;
var port = 0;
int? latency = null;
var rateLimits = false;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--scenario": scenarioPath = args[++i]; break;
        case "--port": port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--latency-ms": latency = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--rate-limits" when args[i + 1] == "aws": rateLimits = true; i++; break;
        case "--rate-limits": throw new ArgumentException("--rate-limits takes 'aws' (the documented defaults in AwsRateLimits)");
    }
}

if (scenarioPath is null)
{
    Console.Error.WriteLine("usage: FakeAws --scenario FILE [--port N] [--latency-ms MS] [--rate-limits aws]");
    return 2;
}

var scenario = Scenario.Load(scenarioPath);
if (latency is not null)
{
    scenario = scenario with { Faults = scenario.Faults with { LatencyMs = latency.Value } };
}

if (rateLimits)
{
    scenario = scenario with { Faults = scenario.Faults with { RateLimits = FakeAws.Wire.AwsRateLimits.Defaults } };
}

await using var server = await FakeAwsServer.StartAsync(scenario, port, standalone: true, CancellationToken.None);
Console.WriteLine(server.Endpoint.ToString().TrimEnd('/'));
await server.WaitForShutdownAsync();
return 0;
