using PhonePlatform.Sip.Tests.Support;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2 server transactions, §9.2 CANCEL and §13.3.1.4 2xx retransmission on a fake clock.</summary>
public sealed class ServerTransactionTests
{
    [Fact]
    public async Task NonInvite_Retransmission_GetsLastResponseWithoutReachingTheTu()
    {
        var f = new StackFixture();
        var handler = new RecordingHandler(200);
        f.Stack.RequestHandler = handler;

        await f.Transport.InjectAsync(Messages.Request(SipMethods.Options));
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Options));

        Assert.Single(handler.Requests);
        Assert.Equal(2, f.Transport.SentResponses.Count(r => r.StatusCode == 200));
    }

    [Fact]
    public async Task NonInvite_AfterTimerJ_TransactionIsGone()
    {
        var f = new StackFixture();
        var handler = new RecordingHandler(200);
        f.Stack.RequestHandler = handler;
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Options));

        f.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal(0, f.Stack.ActiveTransactionCount);
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Options));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Response_CarriesReceivedAndRport()
    {
        var f = new StackFixture();
        f.Stack.RequestHandler = new RecordingHandler(200);
        var request = Messages.Request(SipMethods.Options).Replace(";branch=z9hG4bKpeer1", ";rport;branch=z9hG4bKpeer1", StringComparison.Ordinal)
            .Replace("192.0.2.10:5070", "10.0.0.5:5070", StringComparison.Ordinal);

        await f.Transport.InjectAsync(request);

        var (destination, message) = Assert.Single(f.Transport.Sent);
        var via = message.TopVia!;
        Assert.Equal("192.0.2.10", via.Received);
        Assert.Equal(5070, via.Rport);
        Assert.Equal(f.Transport.PeerEndPoint, destination);
    }

    [Fact]
    public async Task Invite_SendsTryingThenRetransmitsFinalWithTimerGUntilAck()
    {
        var f = new StackFixture();
        f.Stack.RequestHandler = new RecordingHandler(486);

        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));
        Assert.Equal([100, 486], f.Transport.SentResponses.Select(r => r.StatusCode));

        f.Advance(TimeSpan.FromMilliseconds(500));
        f.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(3, f.Transport.SentResponses.Count(r => r.StatusCode == 486));

        await f.Transport.InjectAsync(Messages.Request(SipMethods.Ack, toTag: f.Transport.SentResponses[^1].To!.Tag!));
        f.Advance(TimeSpan.FromSeconds(10), 10);
        Assert.Equal(3, f.Transport.SentResponses.Count(r => r.StatusCode == 486));
        Assert.Equal(0, f.Stack.ActiveTransactionCount);
    }

    [Fact]
    public async Task Invite_NoAckForFinal_TimerHTerminates()
    {
        var f = new StackFixture();
        f.Stack.RequestHandler = new RecordingHandler(404);
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));

        f.Advance(TimeSpan.FromSeconds(33), 66);

        Assert.Equal(0, f.Stack.ActiveTransactionCount);
        // Timer G capped at T2: .5 1 2 4 4 4 4 4 4 -> final sent 1 + retransmissions within 32 s.
        Assert.InRange(f.Transport.SentResponses.Count(r => r.StatusCode == 404), 9, 11);
    }

    [Fact]
    public async Task Invite_2xx_IsRetransmittedByTheCoreUntilAck()
    {
        var f = new StackFixture();
        var handler = new RecordingHandler(200);
        f.Stack.RequestHandler = handler;
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));

        f.Advance(TimeSpan.FromMilliseconds(500));
        f.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(3, f.Transport.SentResponses.Count(r => r.StatusCode == 200));

        var toTag = f.Transport.SentResponses.First(r => r.StatusCode == 200).To!.Tag!;
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Ack, branch: "z9hG4bKnewack", toTag: toTag));
        f.Advance(TimeSpan.FromSeconds(10), 10);

        Assert.Equal(3, f.Transport.SentResponses.Count(r => r.StatusCode == 200));
        Assert.Single(handler.Acks);
    }

    [Fact]
    public async Task Invite_2xxWithoutAck_ReportsAckTimeoutAfter64T1()
    {
        var f = new StackFixture();
        f.Stack.RequestHandler = new RecordingHandler(200);
        var timedOut = new List<SipResponse>();
        f.Stack.AckTimedOut += timedOut.Add;
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));

        f.Advance(TimeSpan.FromSeconds(36), 72);

        Assert.Single(timedOut);
    }

    [Fact]
    public async Task Invite_2xxWithoutAck_TellsTheTransactionUserSoItCanEndTheSession()
    {
        var f = new StackFixture();
        var handler = new RecordingHandler(200);
        f.Stack.RequestHandler = handler;
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite, callId: "ghost@192.0.2.10"));

        f.Advance(TimeSpan.FromSeconds(20), 40);
        Assert.Empty(handler.UnacknowledgedAnswers);
        f.Advance(TimeSpan.FromSeconds(16), 32);

        var answer = Assert.Single(handler.UnacknowledgedAnswers);
        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("ghost@192.0.2.10", answer.CallId);
    }

    [Fact]
    public async Task Cancel_MatchingPendingInvite_Answers200And487AndSignalsTheTu()
    {
        var f = new StackFixture();
        var handler = new RecordingHandler(null);
        f.Stack.RequestHandler = handler;
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));
        var invite = Assert.Single(handler.Requests);

        await f.Transport.InjectAsync(Messages.Request(SipMethods.Cancel));

        Assert.True(invite.CancellationToken.IsCancellationRequested);
        var responses = f.Transport.SentResponses;
        Assert.Contains(responses, r => r.StatusCode == 200 && r.CSeq!.Value.Method == SipMethods.Cancel);
        Assert.Contains(responses, r => r.StatusCode == 487 && r.CSeq!.Value.Method == SipMethods.Invite);
    }

    [Fact]
    public async Task Cancel_WithoutInvite_Answers481()
    {
        var f = new StackFixture();
        f.Stack.RequestHandler = new RecordingHandler(null);

        await f.Transport.InjectAsync(Messages.Request(SipMethods.Cancel));

        Assert.Equal(481, Assert.Single(f.Transport.SentResponses).StatusCode);
    }

    [Fact]
    public async Task Invite_OverTcp_FinalIsNotRetransmitted()
    {
        var f = new StackFixture(SipTransportKind.Tcp);
        f.Stack.RequestHandler = new RecordingHandler(486);
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite).Replace("UDP", "TCP", StringComparison.Ordinal));

        f.Advance(TimeSpan.FromSeconds(40), 40);

        Assert.Equal(1, f.Transport.SentResponses.Count(r => r.StatusCode == 486));
        Assert.Equal(0, f.Stack.ActiveTransactionCount);
    }

    [Fact]
    public async Task MalformedRequestWithUsableHeaders_Gets400()
    {
        var f = new StackFixture();
        f.Stack.RequestHandler = new RecordingHandler(200);

        await f.Transport.InjectAsync(Messages.Request(SipMethods.Options).Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal));

        Assert.Equal(400, Assert.Single(f.Transport.SentResponses).StatusCode);
    }

    [Fact]
    public async Task UnknownRequestUriScheme_Gets416WithoutReachingTheTu()
    {
        var f = new StackFixture();
        var handler = new RecordingHandler(200);
        f.Stack.RequestHandler = handler;

        // RFC 4475 unksm: an opaque URI of an unknown scheme is valid syntax, but not something we serve.
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Options).Replace("OPTIONS sip:alice@127.0.0.1:5060", "OPTIONS nobodyKnowsThisScheme:totallyopaquecontent", StringComparison.Ordinal));

        Assert.Equal(416, Assert.Single(f.Transport.SentResponses).StatusCode);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Garbage_IsDroppedWithoutAnswer()
    {
        var f = new StackFixture();
        var dropped = new List<string>();
        f.Stack.MessageDropped += (_, reason) => dropped.Add(reason);

        await f.Transport.InjectAsync("\u0001\u0002 hello there\r\n\r\n");

        Assert.Empty(f.Transport.Sent);
        Assert.Single(dropped);
    }
}
