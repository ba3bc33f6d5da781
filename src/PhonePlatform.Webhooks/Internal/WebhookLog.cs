using Microsoft.Extensions.Logging;

namespace PhonePlatform.Webhooks.Internal;

internal static partial class WebhookLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook fan-out round failed")]
    public static partial void FanOutFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery round failed")]
    public static partial void DeliveryRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} disabled: its endpoint answered 410 Gone")]
    public static partial void Disabled(ILogger logger, Guid subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} failed for good after {Attempts} attempts")]
    public static partial void GaveUp(ILogger logger, Guid deliveryId, int attempts);
}
