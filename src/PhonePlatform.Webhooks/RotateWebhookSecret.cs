using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Protection;
using PhonePlatform.Core.Webhooks;
using PhonePlatform.Data;

namespace PhonePlatform.Webhooks;

/// <summary>
/// Issues a new secret; the current ones keep signing for <see cref="WebhookOptions.RotationOverlap"/>, so every
/// message in the overlap carries both signatures and a receiver can switch secrets without losing one.
/// </summary>
public sealed class RotateWebhookSecret(PhonePlatformDbContext db, WebhookOptions options, TimeProvider time)
{
    /// <summary>The new secret (shown once), or null when the subscription does not exist in this workspace.</summary>
    public async Task<string?> ExecuteAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == subscriptionId, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var overlapEnd = now + options.RotationOverlap;
        foreach (var old in await db.WebhookSecrets.Where(s => s.SubscriptionId == subscriptionId).ToListAsync(cancellationToken))
        {
            if (old.ExpiresAt is null || old.ExpiresAt > overlapEnd)
            {
                old.ExpiresAt = overlapEnd;
            }
        }

        var secret = WebhookSigner.NewSecret();
        db.WebhookSecrets.Add(new WebhookSecret { SubscriptionId = subscriptionId, Key = EncryptedText.From(secret), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }
}
