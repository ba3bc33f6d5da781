using PhonePlatform.Core.Messaging;
using PhonePlatform.Sms.IntegrationTests.Support;

namespace PhonePlatform.Sms.IntegrationTests;

/// <summary>
/// The SMS worker as a real separate process (<c>PhonePlatform.Api --role sms</c>), killed with SIGKILL in the middle
/// of sending and started again: every message reaches the SMSC exactly once by the SMSC's own count. Messages whose
/// submit_sm the killed process sent but whose result it never saved are resubmitted after the lease under the same
/// client reference (the message id), and the SMSC answers those with the first message id instead of sending again.
/// </summary>
public sealed class KillAndRestartTests
{
    [Fact]
    public async Task SmsRoleProcess_KilledMidFlightAndRestarted_EveryMessageAcceptedOnceBySmsc()
    {
        const int count = 300;
        await using var stack = await SmsStack.StartAsync();
        for (var i = 0; i < count; i++)
        {
            await stack.SendAsync("+14155550123", $"kill test {i}");
        }

        var lease = TimeSpan.FromSeconds(3);
        using (var first = SmsRoleProcess.Start(stack, stack.Smsc, lease))
        {
            await stack.Smsc.WaitForAsync(s => s.Accepted >= 30, seconds: 120);
            first.KillHard();
        }

        var afterKill = await stack.Smsc.StatsAsync();
        Assert.True(afterKill.Accepted < count, $"the first process finished ({afterKill.Accepted}) before it was killed");

        using var second = SmsRoleProcess.Start(stack, stack.Smsc, lease);
        var messages = await stack.WaitForMessagesAsync(
            m => m.Count == count && m.All(x => x.Status is MessageStatus.Sent or MessageStatus.Delivered), seconds: 180);
        second.KillHard();

        var stats = await stack.Smsc.StatsAsync();
        var accepted = stats.Messages.Where(m => m.Status == "accepted").ToList();
        Assert.Equal(count, stats.Accepted);
        Assert.Equal(count, accepted.Count);
        Assert.Equal(count, accepted.Select(m => m.ClientReference).Distinct().Count());
        Assert.Equal(count, accepted.Select(m => m.Text).Distinct().Count());
        Assert.Equal(count, messages.Select(m => m.CarrierMessageId).Distinct().Count());
        Assert.Equal(
            accepted.Select(m => m.ClientReference).Order(),
            messages.Select(m => m.Id.ToString("N")).Order());
    }
}
