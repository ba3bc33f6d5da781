using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Smpp.Internal.Pdus;
using PhonePlatform.Smpp.Internal.Session;

namespace PhonePlatform.Smpp.Tests.Session;

/// <summary>Session logic over an in-memory link and a fake clock: windowing, matching, timeouts, keep-alive, framing.</summary>
public sealed class SmppSessionTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan EnquireLinkInterval = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider time = new();
    private readonly InMemoryLink link = new();
    private readonly List<DeliverSmPdu> delivered = [];
    private Func<DeliverSmPdu, ValueTask<CommandStatus>>? onDeliver;

    private SmppSession CreateSession(int window = 3, TimeSpan? requestTimeout = null)
    {
        var session = new SmppSession(
            link.ClientStream,
            new SmppClientOptions
            {
                Host = "127.0.0.1",
                Port = 1,
                SystemId = "t",
                Password = "p",
                WindowSize = window,
                RequestTimeout = requestTimeout ?? RequestTimeout,
                EnquireLinkInterval = EnquireLinkInterval,
                MaxPduSize = 1024,
            },
            time,
            pdu =>
            {
                delivered.Add(pdu);
                return onDeliver?.Invoke(pdu) ?? ValueTask.FromResult(CommandStatus.Ok);
            });
        session.Start();
        return session;
    }

    private static SubmitSmPdu Submit(string text) => new() { DestinationAddr = "1", ShortMessage = System.Text.Encoding.ASCII.GetBytes(text) };

    [Fact]
    public async Task RequestAsync_WindowFull_HoldsTheNextRequestUntilAResponseArrives()
    {
        await using var session = CreateSession(window: 3);

        var requests = Enumerable.Range(0, 4).Select(i => session.RequestAsync(Submit($"m{i}"), windowed: true, CancellationToken.None)).ToList();
        var inFlight = new List<Pdu> { await link.ReadAsync(), await link.ReadAsync(), await link.ReadAsync() };

        Assert.False(link.HasPendingOutput());
        await link.WriteAsync(new MessageIdRespPdu(CommandId.SubmitSmResp) { SequenceNumber = inFlight[1].SequenceNumber, MessageId = "id-1" });
        var fourth = await link.ReadAsync();
        Assert.Equal(CommandId.SubmitSm, fourth.CommandId);
        var answered = await Task.WhenAny(requests);
        Assert.Equal("id-1", Assert.IsType<MessageIdRespPdu>(await answered).MessageId);
        Assert.Equal(3, requests.Count(r => !r.IsCompleted));
    }

    [Fact]
    public async Task RequestAsync_ResponsesOutOfOrder_AreMatchedBySequenceNumber()
    {
        await using var session = CreateSession();
        var first = session.RequestAsync(Submit("a"), windowed: true, CancellationToken.None);
        var second = session.RequestAsync(Submit("b"), windowed: true, CancellationToken.None);
        var sentFirst = (SubmitSmPdu)await link.ReadAsync();
        var sentSecond = (SubmitSmPdu)await link.ReadAsync();

        await link.WriteAsync(new MessageIdRespPdu(CommandId.SubmitSmResp) { SequenceNumber = sentSecond.SequenceNumber, MessageId = "B" });
        await link.WriteAsync(new MessageIdRespPdu(CommandId.SubmitSmResp) { SequenceNumber = sentFirst.SequenceNumber, MessageId = "A" });

        var byText = new Dictionary<string, string>
        {
            [System.Text.Encoding.ASCII.GetString(sentFirst.ShortMessage.Span)] = ((MessageIdRespPdu)await first).MessageId,
            [System.Text.Encoding.ASCII.GetString(sentSecond.ShortMessage.Span)] = ((MessageIdRespPdu)await second).MessageId,
        };
        Assert.Equal("A", byText[System.Text.Encoding.ASCII.GetString(sentFirst.ShortMessage.Span)]);
        Assert.Equal("B", byText[System.Text.Encoding.ASCII.GetString(sentSecond.ShortMessage.Span)]);
        Assert.NotEqual(sentFirst.SequenceNumber, sentSecond.SequenceNumber);
    }

    [Fact]
    public async Task RequestAsync_NoResponse_TimesOutOnTheClockAndFreesTheWindow()
    {
        await using var session = CreateSession(window: 1);
        var request = session.RequestAsync(Submit("x"), windowed: true, CancellationToken.None);
        await link.ReadAsync();

        await AdvanceUntilAsync(() => request.IsCompleted, RequestTimeout);

        await Assert.ThrowsAsync<TimeoutException>(() => request);
        var next = session.RequestAsync(Submit("y"), windowed: true, CancellationToken.None);
        Assert.Equal(CommandId.SubmitSm, (await link.ReadAsync()).CommandId);
        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task KeepAlive_IdleLink_SendsEnquireLinkAndClosesWhenUnanswered()
    {
        await using var session = CreateSession();
        session.StartKeepAlive();

        time.Advance(EnquireLinkInterval);
        var enquire = await link.ReadAsync();
        Assert.Equal(CommandId.EnquireLink, enquire.CommandId);
        await AdvanceUntilAsync(() => session.Closed.IsCompleted, RequestTimeout);

        Assert.Equal("enquire_link unanswered", await session.Closed);
    }

    [Fact]
    public async Task KeepAlive_AnsweredEnquireLink_KeepsTheLinkOpen()
    {
        // A request timeout far beyond the steps of the fake clock, so only the idle interval can fire.
        await using var session = CreateSession(requestTimeout: TimeSpan.FromHours(1));
        session.StartKeepAlive();

        time.Advance(EnquireLinkInterval);
        var enquire = await link.ReadAsync();
        await link.WriteAsync(HeaderOnlyPdu.EnquireLinkResp(enquire.SequenceNumber));

        // Frames are handled in order: once our own enquire_link is answered, the response before it was read.
        await link.WriteAsync(HeaderOnlyPdu.EnquireLink(99));
        Assert.Equal(99u, (await link.ReadAsync()).SequenceNumber);
        time.Advance(EnquireLinkInterval);
        var again = await link.ReadAsync();

        Assert.Equal(CommandId.EnquireLink, again.CommandId);
        Assert.False(session.Closed.IsCompleted);
    }

    [Fact]
    public async Task SmscRequests_EnquireLinkAndDeliverSm_AreAnsweredWithMatchingSequence()
    {
        await using var session = CreateSession();

        await link.WriteAsync(HeaderOnlyPdu.EnquireLink(77));
        await link.WriteAsync(new DeliverSmPdu { SequenceNumber = 78, SourceAddr = "1555", ShortMessage = "hi"u8.ToArray() });

        var enquireResp = await link.ReadAsync();
        var deliverResp = await link.ReadAsync();
        Assert.Equal((CommandId.EnquireLinkResp, 77u), (enquireResp.CommandId, enquireResp.SequenceNumber));
        Assert.Equal((CommandId.DeliverSmResp, 78u, CommandStatus.Ok), (deliverResp.CommandId, deliverResp.SequenceNumber, deliverResp.CommandStatus));
        Assert.Equal("1555", Assert.Single(delivered).SourceAddr);
    }

    [Fact]
    public async Task DeliverSm_RespondedOnlyWhenStored_InCompletionOrder_FailedStoreIsRxTAppn()
    {
        var stores = new Dictionary<uint, TaskCompletionSource<CommandStatus>>
        {
            [80] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            [81] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        onDeliver = pdu => new ValueTask<CommandStatus>(stores[pdu.SequenceNumber].Task);
        await using var session = CreateSession();

        await link.WriteAsync(new DeliverSmPdu { SequenceNumber = 80, SourceAddr = "1555", ShortMessage = "a"u8.ToArray() });
        await link.WriteAsync(new DeliverSmPdu { SequenceNumber = 81, SourceAddr = "1555", ShortMessage = "b"u8.ToArray() });
        // The read loop went on while the first store is pending: an enquire_link behind both is answered first.
        await link.WriteAsync(HeaderOnlyPdu.EnquireLink(82));
        var enquireResp = await link.ReadAsync();
        Assert.Equal((CommandId.EnquireLinkResp, 82u), (enquireResp.CommandId, enquireResp.SequenceNumber));

        stores[81].SetResult(CommandStatus.Ok);
        var second = await link.ReadAsync();
        stores[80].SetException(new InvalidOperationException("database down"));
        var first = await link.ReadAsync();
        Assert.Equal((CommandId.DeliverSmResp, 81u, CommandStatus.Ok), (second.CommandId, second.SequenceNumber, second.CommandStatus));
        Assert.Equal((CommandId.DeliverSmResp, 80u, CommandStatus.TemporaryApplicationError), (first.CommandId, first.SequenceNumber, first.CommandStatus));
        Assert.False(session.Closed.IsCompleted);
    }

    [Fact]
    public async Task MalformedDeliverSm_IsAnsweredWithItsErrorAndTheLinkStays()
    {
        await using var session = CreateSession();

        // deliver_sm whose source_addr has no NUL within 21 octets.
        await link.WriteAsync(Pdus.PduBytes.Frame(0x00000005, "00 0101", Pdus.PduBytes.Ascii(new string('9', 30)), "00"));

        var response = await link.ReadAsync();
        Assert.Equal((CommandId.DeliverSmResp, CommandStatus.InvalidSourceAddress), (response.CommandId, response.CommandStatus));
        Assert.Empty(delivered);
        Assert.False(session.Closed.IsCompleted);
    }

    [Fact]
    public async Task PduSplitAcrossManyWrites_IsReassembled()
    {
        await using var session = CreateSession();
        var bytes = PduCodec.Encode(HeaderOnlyPdu.EnquireLink(5));

        foreach (var octet in bytes)
        {
            await link.WriteAsync([octet]);
        }

        Assert.Equal((CommandId.EnquireLinkResp, 5u), ((await link.ReadAsync()).CommandId, 5u));
    }

    [Fact]
    public async Task CommandLengthAboveTheLimit_IsNackedAndClosesTheLink()
    {
        await using var session = CreateSession();

        await link.WriteAsync(Convert.FromHexString("00100000000000040000000000000009"));

        var nack = await link.ReadAsync();
        Assert.Equal((CommandId.GenericNack, CommandStatus.InvalidCommandLength, 9u), (nack.CommandId, nack.CommandStatus, nack.SequenceNumber));
        Assert.Contains("command_length", await session.Closed, StringComparison.Ordinal);
        Assert.True(await link.ClientClosedAsync());
    }

    [Fact]
    public async Task SmscClosesWithRequestsInFlight_TheyFailAsSentOnALostLink()
    {
        await using var session = CreateSession();
        var request = session.RequestAsync(Submit("x"), windowed: true, CancellationToken.None);
        await link.ReadAsync();

        await link.CloseFromSmscAsync();

        var error = await Assert.ThrowsAsync<SmppLinkException>(() => request);
        Assert.True(error.WasSent);
        var late = await Assert.ThrowsAsync<SmppLinkException>(() => session.RequestAsync(Submit("y"), windowed: true, CancellationToken.None));
        Assert.False(late.WasSent);
    }

    // The session's timers are registered from continuations on the thread pool: step the fake clock until the
    // awaited effect shows, bounded, instead of guessing when the timer exists.
    private async Task AdvanceUntilAsync(Func<bool> done, TimeSpan step)
    {
        for (var i = 0; i < 1000 && !done(); i++)
        {
            time.Advance(step);
            await Task.Delay(5);
        }

        Assert.True(done());
    }
}
