using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

public sealed record ListSubscriptionsByTopicResponse(IReadOnlyList<SnsSubscription> Subscriptions, string? NextToken);

/// <summary>SNS (query), shaped like AWSSDK.SimpleNotificationService.</summary>
public sealed class SnsClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.Sns, region)
{
    public Task<ListSubscriptionsByTopicResponse> ListSubscriptionsByTopicAsync(string topicArn, string? nextToken, CancellationToken cancellationToken) =>
        XmlAsync(new AwsOperation("ListSubscriptionsByTopic").With("TopicArn", topicArn).With("NextToken", nextToken), result => new ListSubscriptionsByTopicResponse(
            result.Members("Subscriptions").Select(s => new SnsSubscription(s.Str("SubscriptionArn") ?? "", s.Str("Protocol") ?? "", s.Str("Endpoint") ?? "")).ToList(),
            result.Str("NextToken")), cancellationToken);
}
