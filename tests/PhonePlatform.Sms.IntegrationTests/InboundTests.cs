using PhonePlatform.Core.Messaging;
using PhonePlatform.Sms.IntegrationTests.Support;

namespace PhonePlatform.Sms.IntegrationTests;

/// <summary>Inbound: the SMSC simulator injects deliver_sm → conversation, STOP/START/HELP.</summary>
public sealed class InboundTests
{
    private const string Party = "+14155550177";

    [Fact]
    public async Task Deliver_ToWorkspaceNumber_StoredInConversationAndRaised()
    {
        await using var stack = await SmsStack.StartAsync();
        var raised = new TaskCompletionSource<ReceivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        stack.Ingress.MessageReceived += (_, received) => raised.TrySetResult(received);

        await DeliverAsync(stack, Party, "Is the shop open on Sunday? ☀", coding: 8);
        var received = await raised.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(stack.WorkspaceId, received.WorkspaceId);
        var message = Assert.Single(await stack.MessagesAsync());
        Assert.Equal(MessageDirection.Inbound, message.Direction);
        Assert.Equal(MessageStatus.Received, message.Status);
        Assert.Equal("Is the shop open on Sunday? ☀", message.Body.Value);

        // A reply goes into the same conversation (found through the participant's blind index).
        var reply = await stack.SendAsync(Party, "Yes, 10 to 4.");
        Assert.Equal(received.ConversationId, reply.Accepted!.ConversationId);
    }

    [Fact]
    public async Task Stop_ThenSend_RefusedUntilStart_ConfirmedOnce()
    {
        await using var stack = await SmsStack.StartAsync();
        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);

        await DeliverAsync(stack, Party, "stop");
        await DeliverAsync(stack, Party, "STOP");
        await stack.WaitForMessagesAsync(m => m.Count(x => x.Direction == MessageDirection.Inbound) == 2
            && m.Count(x => x.Direction == MessageDirection.Outbound) == 1
            && m.All(x => x.Status is MessageStatus.Received or MessageStatus.Delivered));

        var refused = await stack.SendAsync(Party, "Sale today!");
        Assert.Equal(SendRefusal.OptedOut, refused.Refusal);
        var confirmation = Assert.Single((await stack.Smsc.StatsAsync()).Messages);
        Assert.Equal(Party.TrimStart('+'), confirmation.Destination);
        Assert.Contains("unsubscribed", confirmation.Text, StringComparison.Ordinal);

        await DeliverAsync(stack, Party, "START");
        await stack.WaitForMessagesAsync(m => m.Count(x => x.Direction == MessageDirection.Outbound) == 2);
        var accepted = await stack.SendAsync(Party, "Welcome back");
        Assert.Equal(SendRefusal.None, accepted.Refusal);
        await stack.WaitForMessagesAsync(m => m.Count(x => x.Direction == MessageDirection.Outbound) == 3
            && m.All(x => x.Status is MessageStatus.Received or MessageStatus.Delivered));
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Help_Answered_WithConfiguredText()
    {
        await using var stack = await SmsStack.StartAsync(new SmsOptions { PollInterval = TimeSpan.FromMilliseconds(20), HelpText = "Acme Bakery: call +14155550100." });
        using var worker = stack.NewWorker();
        await worker.StartAsync(CancellationToken.None);
        await DeliverAsync(stack, Party, " help ");
        var stats = await stack.Smsc.WaitForAsync(s => s.Accepted == 1, seconds: 90);
        await worker.StopAsync(CancellationToken.None);
        Assert.Equal("Acme Bakery: call +14155550100.", stats.Messages.Single().Text);
    }

    [Fact]
    public void Classify_Keywords_RecognisedWholeMessageOnly()
    {
        Assert.Equal(KeywordIntent.OptOut, OptOutKeywords.Classify("Arret"));
        Assert.Equal(KeywordIntent.OptOut, OptOutKeywords.Classify(" unsubscribe "));
        Assert.Equal(KeywordIntent.OptIn, OptOutKeywords.Classify("UNSTOP"));
        Assert.Equal(KeywordIntent.Help, OptOutKeywords.Classify("HELP"));
        Assert.Equal(KeywordIntent.None, OptOutKeywords.Classify("please stop calling me"));
        Assert.Equal(KeywordIntent.None, OptOutKeywords.Classify(""));
    }

    private static Task DeliverAsync(SmsStack stack, string from, string text, int coding = 0) =>
        stack.Smsc.CommandAsync(
            $"deliver?from={Uri.EscapeDataString(from.TrimStart('+'))}&to={Uri.EscapeDataString(SmsStack.WorkspaceNumber.TrimStart('+'))}&text={Uri.EscapeDataString(text)}&coding={coding}");
}
