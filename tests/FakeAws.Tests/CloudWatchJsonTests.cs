using System.Text.Json.Nodes;

namespace FakeAws.Tests;

/// <summary>CloudWatch also answers AWS JSON 1.0 (the protocol newer SDKs negotiate), with the same data as over query.</summary>
public sealed class CloudWatchJsonTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task DescribeAlarms_OverJson10_ReturnsTheRegionsAlarms()
    {
        var (region, alarms) = fixture.Prod.Inventory.Monitoring.AlarmsByRegion.First();
        var (status, body) = await RawSigned.PostJsonAsync(fixture.Server.Endpoint, fixture.Prod, "monitoring", region, "/", "{}",
            "application/x-amz-json-1.0", "GraniteServiceVersion20100801.DescribeAlarms");
        Assert.Equal(200, status);
        var served = JsonNode.Parse(body)!["MetricAlarms"]!.AsArray();
        Assert.Equal(alarms.Select(a => a.AlarmName).Order(), served.Select(a => (string)a!["AlarmName"]!).Order());
        Assert.Equal(alarms[0].AlarmActions, served.Single(a => (string)a!["AlarmName"]! == alarms[0].AlarmName)!["AlarmActions"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(1, fixture.Server.Calls.Count("monitoring", "DescribeAlarms", region));
    }
}

/// <summary>S3 addressed virtual-hosted style (bucket.localhost), as SDKs do for a localhost endpoint.</summary>
public sealed class S3VirtualHostTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    [Fact]
    public async Task VirtualHostedBucket_IsServedLikePathStyle()
    {
        var bucket = fixture.Prod.Inventory.S3.Buckets.First(b => b.VersioningStatus == "Enabled");
        var host = $"{bucket.Name}.localhost:{fixture.Server.Endpoint.Port}";
        var (status, body) = await RawSigned.SendAsync(HttpMethod.Get, fixture.Server.Endpoint, host, fixture.Prod, "s3", bucket.Region, "/?versioning", []);
        Assert.Equal(200, status);
        Assert.Contains("<Status>Enabled</Status>", body, StringComparison.Ordinal);
    }
}
