using Npgsql;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Sms.IntegrationTests.Support;

namespace PhonePlatform.Sms.IntegrationTests;

/// <summary>
/// deliver_sm is acknowledged only after what it carries is stored: while the database cannot take the inbound
/// message (its table locked by another transaction), the SMSC has no deliver_sm_resp; once the write goes through,
/// it gets one. A process killed in between has acknowledged nothing, so the SMSC delivers again.
/// </summary>
public sealed class IngressDurabilityTests
{
    [Fact]
    public async Task Inbound_WhileStoreBlocked_NoDeliverSmResp_ThenAcknowledgedOnceStored()
    {
        await using var stack = await SmsStack.StartAsync();
        await using var blocker = new NpgsqlConnection(stack.Database.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockMessages = new NpgsqlCommand("""LOCK TABLE "Messages" IN EXCLUSIVE MODE""", blocker, transaction))
        {
            await lockMessages.ExecuteNonQueryAsync();
        }

        await stack.Smsc.CommandAsync(
            $"deliver?from=14155550177&to={SmsStack.WorkspaceNumber.TrimStart('+')}&text={Uri.EscapeDataString("Are you open?")}&coding=0");
        await SmsStack.WaitUntilAsync(() => WaitingOnLockAsync(stack.Database).GetAwaiter().GetResult(), "the inbound write waiting on the lock", seconds: 60);
        var whileBlocked = await stack.Smsc.StatsAsync();
        Assert.Equal(1, whileBlocked.DeliverSent);
        Assert.Equal(0, whileBlocked.DeliverResps);

        await transaction.RollbackAsync();
        var acknowledged = await stack.Smsc.WaitForAsync(s => s.DeliverResps == 1, seconds: 60);
        Assert.Equal([0u], acknowledged.DeliverRespStatuses);
        var message = Assert.Single(await stack.MessagesAsync());
        Assert.Equal((MessageDirection.Inbound, "Are you open?"), (message.Direction, message.Body.Value));
    }

    private static async Task<bool> WaitingOnLockAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
