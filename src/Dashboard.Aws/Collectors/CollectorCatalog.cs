namespace Dashboard.Aws.Collectors;

/// <summary>Every collector, in the order their results are applied.</summary>
public static class CollectorCatalog
{
    public static IReadOnlyList<ICollector> All { get; } =
    [
        new IamCollector(),
        new AccountSettingsCollector(),
        new OrganizationsCollector(),
        new AccessAnalyzerCollector(),
        new S3Collector(),
        new CloudTrailCollector(),
        new ConfigCollector(),
        new GuardDutyCollector(),
        new SecurityHubCollector(),
        new Ec2Collector(),
        new KmsCollector(),
        new RdsCollector(),
        new EfsCollector(),
        new SecretsManagerCollector(),
        new LambdaCollector(),
        new MacieCollector(),
        new MonitoringCollector(),
    ];

    /// <summary>Every IAM action the scanner needs: account identification plus what each collector declares.</summary>
    public static IReadOnlyList<string> AllIamActions() =>
        AccountCollector.Actions.Concat(All.SelectMany(c => c.IamActions))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
