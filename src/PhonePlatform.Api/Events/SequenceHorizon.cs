using Npgsql;

namespace PhonePlatform.Api.Events;

/// <summary>
/// How far the event sequence can be read without skipping an event that is still being committed. Sequence numbers
/// are taken at insert but become visible at commit, so a later number can be visible before an earlier one. The
/// horizon stops before the first hole in the sequence until the hole is older than the gap wait (then the number is
/// taken to belong to a rolled-back transaction). The holes are looked for across all workspaces (numbers only, no
/// event data): a reader's own workspace sees only its share of the sequence.
/// </summary>
internal sealed class SequenceHorizon(NpgsqlDataSource dataSource, TimeProvider time, TimeSpan gapWait)
{
    private const int Window = 1000;
    private long gapAt = -1;
    private DateTimeOffset gapSince;

    /// <summary>The highest sequence, above <paramref name="after"/>, up to which every committed event is visible.</summary>
    public async Task<long> ReadAsync(long after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""SELECT "Sequence" FROM "WorkspaceEvents" WHERE "Sequence" > @after ORDER BY "Sequence" LIMIT @window""");
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("window", Window);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var horizon = after;
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            if (sequence != horizon + 1 && !GapExpired(horizon + 1))
            {
                break;
            }

            horizon = sequence;
        }

        return horizon;
    }

    private bool GapExpired(long missing)
    {
        var now = time.GetUtcNow();
        if (gapAt != missing)
        {
            gapAt = missing;
            gapSince = now;
            return false;
        }

        return now - gapSince >= gapWait;
    }

    /// <summary>The newest sequence now (where a stream without Last-Event-ID starts).</summary>
    public async Task<long> LatestAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""SELECT COALESCE(MAX("Sequence"), 0) FROM "WorkspaceEvents" """);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
