using PhonePlatform.Core.Protection;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Data;

namespace PhonePlatform.Webhooks;

/// <summary>A new subscription and its secret, which is shown this once.</summary>
public sealed record CreatedWebhook(WebhookSubscription Subscription, string Secret);

/// <summary>Creates a subscription (input already checked by <see cref="WebhookInputRules"/>) with a fresh secret.</summary>
public sealed class CreateWebhookSubscription(PhonePlatformDbContext db, TimeProvider time)
{
    public async Task<CreatedWebhook> ExecuteAsync(WebhookInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Url = input.Url,
            EventTypes = [.. input.EventTypes.Distinct(StringComparer.Ordinal)],
            Description = input.Description,
            Enabled = input.Enabled,
            CreatedAt = now,
        };
        var secret = WebhookSigner.NewSecret();
        db.WebhookSubscriptions.Add(subscription);
        db.WebhookSecrets.Add(new WebhookSecret { SubscriptionId = subscription.Id, Key = EncryptedText.From(secret), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedWebhook(subscription, secret);
    }
}
