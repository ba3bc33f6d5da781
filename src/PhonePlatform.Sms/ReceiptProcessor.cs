using Npgsql;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>
/// Applies a delivery receipt to the message whose first segment the SMSC accepted under that id. Matching is by the
/// carrier id alone (receipts carry no workspace), so this is a keyed update that reads no protected field.
/// </summary>
public sealed class ReceiptProcessor(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string DeliveredSql = """
        UPDATE "Messages" SET "Status" = 'Delivered', "DeliveredAt" = @at
        WHERE "CarrierMessageId" = @id AND "Status" IN ('Queued', 'Sent') RETURNING "Id"
        """;

    private const string FailedSql = """
        UPDATE "Messages" SET "Status" = 'Failed', "FailedAt" = @at, "FailureReason" = @reason
        WHERE "CarrierMessageId" = @id AND "Status" IN ('Queued', 'Sent') RETURNING "Id"
        """;

    /// <summary>
    /// Returns false when no message has the receipt's id yet (the receipt can overtake the worker's own write of the
    /// id; the caller retries it shortly); true when applied, or when the receipt is not final and needs nothing.
    /// </summary>
    public async Task<bool> ApplyAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (!receipt.IsFinal)
        {
            return true;
        }

        var delivered = receipt.State == MessageState.Delivered;
        await using var command = dataSource.CreateCommand(delivered ? DeliveredSql : FailedSql);
        command.Parameters.AddWithValue("id", receipt.MessageId);
        command.Parameters.AddWithValue("at", time.GetUtcNow());
        if (!delivered)
        {
            command.Parameters.AddWithValue("reason", $"{receipt.State} err:{receipt.ErrorCode ?? "000"}");
        }

        return await command.ExecuteScalarAsync(cancellationToken) is not null || await IsSettledAsync(receipt.MessageId, cancellationToken);
    }

    // A duplicate receipt for a message already delivered or failed is applied (nothing to do), not retried. A
    // message merely "Sent" here committed its carrier id after the update above looked: retry, do not drop.
    private async Task<bool> IsSettledAsync(string carrierMessageId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""SELECT 1 FROM "Messages" WHERE "CarrierMessageId" = @id AND "Status" IN ('Delivered', 'Failed')""");
        command.Parameters.AddWithValue("id", carrierMessageId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
