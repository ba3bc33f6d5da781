using PhonePlatform.Core.Events;

namespace PhonePlatform.Core.Webhooks;

/// <summary>The types a subscription may name: every workspace event, plus the test message sent on request.</summary>
public static class WebhookEventTypes
{
    public const string Test = "webhook.test";

    public static bool IsSubscribable(string type) => WorkspaceEventTypes.All.Contains(type, StringComparer.Ordinal);
}
