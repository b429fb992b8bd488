using Amazon.Runtime;
using Dashboard.Core.Inventory;

namespace FakeAws.Tests;

/// <summary>One fake serving the demo scenario, shared by a test class.</summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    public Scenario Scenario { get; } = ScenarioGenerator.Demo(ScenarioGenerator.DemoTime);
    public FakeAwsServer Server { get; private set; } = null!;

    public ScenarioAccount Prod => Scenario.Accounts[0];
    public ScenarioAccount Dev => Scenario.Accounts[1];

    public string Url => Server.Endpoint.ToString().TrimEnd('/');

    public static BasicAWSCredentials Credentials(ScenarioAccount account) => new(account.AccessKeyId, account.SecretAccessKey);

    public static AccountInventory Inventory(ScenarioAccount account) => account.Inventory;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Server = await FakeAwsServer.StartAsync(Scenario);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
