using Npgsql;

namespace PhonePlatform.Webhooks.Internal;

internal sealed record ClaimedDelivery(Guid Id, Guid WorkspaceId);

/// <summary>
/// Claims due deliveries of enabled subscriptions for one worker. SKIP LOCKED lets workers claim side by side; the
/// lease keeps the claim afterwards, so a worker that dies leaves deliveries that are claimed again once it expires
/// (at-least-once: the receiver deduplicates on <c>webhook-id</c>).
/// </summary>
internal static class DeliveryClaim
{
    private const string Sql = """
        UPDATE "WebhookDeliveries" SET "LeaseUntil" = @lease
        WHERE "Id" IN (
            SELECT d."Id" FROM "WebhookDeliveries" d
            JOIN "WebhookSubscriptions" s ON s."Id" = d."SubscriptionId"
            WHERE d."Status" = 'Pending' AND d."NextAttemptAt" <= @now AND (d."LeaseUntil" IS NULL OR d."LeaseUntil" < @now) AND s."Enabled"
            ORDER BY d."NextAttemptAt"
            LIMIT @limit
            FOR UPDATE OF d SKIP LOCKED)
        RETURNING "Id", "WorkspaceId"
        """;

    public static async Task<List<ClaimedDelivery>> ClaimAsync(
        NpgsqlDataSource dataSource, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease", now + lease);
        command.Parameters.AddWithValue("limit", limit);
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedDelivery(reader.GetGuid(0), reader.GetGuid(1)));
        }

        return claimed;
    }
}
