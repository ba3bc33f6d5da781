using Npgsql;

namespace PhonePlatform.Sms.Internal;

/// <summary>One claimed outbox entry.</summary>
internal sealed record ClaimedEntry(Guid Id, Guid WorkspaceId, Guid MessageId, int Attempts);

/// <summary>
/// Claims due outbox entries for one worker. FOR UPDATE SKIP LOCKED lets several workers claim concurrently without
/// waiting on each other or taking the same row; the lease (not the row lock) is what keeps the claim afterwards, so a
/// worker that dies leaves entries that become claimable again when the lease runs out.
/// </summary>
internal static class OutboxClaim
{
    private const string Sql = """
        UPDATE "SmsOutbox" SET "LeaseUntil" = @lease, "Attempts" = "Attempts" + 1
        WHERE "Id" IN (
            SELECT "Id" FROM "SmsOutbox"
            WHERE "NextAttemptAt" <= @now AND ("LeaseUntil" IS NULL OR "LeaseUntil" < @now)
            ORDER BY "NextAttemptAt"
            LIMIT @limit
            FOR UPDATE SKIP LOCKED)
        RETURNING "Id", "WorkspaceId", "MessageId", "Attempts"
        """;

    public static async Task<List<ClaimedEntry>> ClaimAsync(
        NpgsqlDataSource dataSource, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease", now + lease);
        command.Parameters.AddWithValue("limit", limit);
        var claimed = new List<ClaimedEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedEntry(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3)));
        }

        return claimed;
    }
}
