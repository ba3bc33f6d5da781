using PhonePlatform.Sip.Tests.Support;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1 client transactions on a fake clock.</summary>
public sealed class ClientTransactionTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task NonInvite_OverUdp_RetransmitsWithTimerEDoublingUpToT2()
    {
        var f = new StackFixture();
        await f.Stack.SendRequestAsync(f.NewOptions(), f.Transport.PeerEndPoint);
        Assert.Single(f.Transport.Sent);

        // Timer E: 500, 1000, 2000, 4000, 4000 ms (T2 caps it).
        int[] expectedCounts = [2, 3, 4, 5, 6];
        int[] waits = [500, 1000, 2000, 4000, 4000];
        for (var i = 0; i < waits.Length; i++)
        {
            f.Advance(waits[i] * Ms);
            Assert.Equal(expectedCounts[i], f.Transport.Sent.Count);
        }
    }

    [Fact]
    public async Task NonInvite_NoResponse_CompletesWith408AfterTimerF()
    {
        var f = new StackFixture();
        var transaction = await f.Stack.SendRequestAsync(f.NewOptions(), f.Transport.PeerEndPoint);

        f.Advance(TimeSpan.FromSeconds(31.9), 64);
        Assert.False(transaction.FinalResponse.IsCompleted);
        f.Advance(TimeSpan.FromSeconds(0.2));

        var response = await transaction.FinalResponse;
        Assert.Equal(408, response.StatusCode);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal(0, f.Stack.ActiveTransactionCount);
    }

    [Fact]
    public async Task NonInvite_Provisional_KeepsRetransmittingAtT2()
    {
        var f = new StackFixture();
        var transaction = await f.Stack.SendRequestAsync(f.NewOptions(), f.Transport.PeerEndPoint);
        await f.Transport.InjectAsync(Messages.ResponseTo(transaction.Request, 100));
        Assert.Equal(SipTransactionState.Proceeding, transaction.State);

        f.Advance(500 * Ms);
        var afterFirst = f.Transport.Sent.Count;
        f.Advance(4000 * Ms);
        Assert.Equal(afterFirst + 1, f.Transport.Sent.Count);
    }

    [Fact]
    public async Task NonInvite_FinalResponse_CompletesAndTimerKRemovesTransaction()
    {
        var f = new StackFixture();
        var transaction = await f.Stack.SendRequestAsync(f.NewOptions(), f.Transport.PeerEndPoint);
        await f.Transport.InjectAsync(Messages.ResponseTo(transaction.Request, 200));

        Assert.Equal(200, (await transaction.FinalResponse).StatusCode);
        Assert.Equal(SipTransactionState.Completed, transaction.State);
        f.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal(0, f.Stack.ActiveTransactionCount);
    }

    [Fact]
    public async Task Invite_Calling_RetransmitsWithTimerAUntilTimerB()
    {
        var f = new StackFixture();
        var transaction = await f.Stack.SendRequestAsync(f.NewInvite(), f.Transport.PeerEndPoint);

        // Timer A: 0.5, 1, 2, 4, 8, 16 s after each other -> sends at 0, .5, 1.5, 3.5, 7.5, 15.5, 31.5.
        f.Advance(TimeSpan.FromSeconds(31.6), 316);
        Assert.Equal(7, f.Transport.Sent.Count);
        Assert.All(f.Transport.SentRequests, r => Assert.Equal(SipMethods.Invite, r.Method));

        f.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(408, (await transaction.FinalResponse).StatusCode);
    }

    [Fact]
    public async Task Invite_Provisional_StopsRetransmissionsAndTimerB()
    {
        var f = new StackFixture();
        var transaction = await f.Stack.SendRequestAsync(f.NewInvite(), f.Transport.PeerEndPoint);
        var provisional = new List<int>();
        transaction.ProvisionalResponse += r => provisional.Add(r.StatusCode);
        await f.Transport.InjectAsync(Messages.ResponseTo(transaction.Request, 180));

        f.Advance(TimeSpan.FromSeconds(60), 60);

        Assert.Equal([180], provisional);
        Assert.Single(f.Transport.Sent);
        Assert.False(transaction.FinalResponse.IsCompleted);
    }

    [Fact]
    public async Task Invite_ProvisionalBeforeSubscription_IsReplayedOnceToLateHandlerInOrder()
    {
        var f = new StackFixture();
        var transaction = await f.Stack.SendRequestAsync(f.NewInvite(), f.Transport.PeerEndPoint);
        // A fast peer answers before the caller subscribed (the race that lost the 180 toward the browser).
        await f.Transport.InjectAsync(Messages.ResponseTo(transaction.Request, 180));
        await f.Transport.InjectAsync(Messages.ResponseTo(transaction.Request, 183));

        var provisional = new List<int>();
        transaction.ProvisionalResponse += r => provisional.Add(r.StatusCode);
        await f.Transport.InjectAsync(Messages.ResponseTo(transaction.Request, 182));

        Assert.Equal([180, 183, 182], provisional);
    }

    [Fact]
    public async Task Invite_ManyProvisionals_OnlyTheLastFewAreKeptForLateHandlers()
    {
        var f = new StackFixture();
        var transaction = await f.Stack.SendRequestAsync(f.NewInvite(), f.Transport.PeerEndPoint);
        for (var i = 0; i < 100; i++)
        {
            await f.Transport.InjectAsync(Messages.ResponseTo(transaction.Request, 180));
        }

        var replayed = 0;
        transaction.ProvisionalResponse += _ => replayed++;

        Assert.Equal(SipClientTransaction.ProvisionalReplayLimit, replayed);
    }

    [Fact]
    public async Task Invite_Non2xxFinal_SendsAckInsideTransactionAndRepeatsItForRetransmissions()
    {
        var f = new StackFixture();
        var transaction = await f.Stack.SendRequestAsync(f.NewInvite(), f.Transport.PeerEndPoint);
        var busy = Messages.ResponseTo(transaction.Request, 486);

        await f.Transport.InjectAsync(busy);
        await f.Transport.InjectAsync(busy);

        Assert.Equal(486, (await transaction.FinalResponse).StatusCode);
        var acks = f.Transport.SentRequests.Where(r => r.Method == SipMethods.Ack).ToList();
        Assert.Equal(2, acks.Count);

        // §17.1.1.3: same branch as the INVITE, To from the response, CSeq number of the INVITE.
        Assert.Equal(transaction.Branch, acks[0].TopVia!.Branch);
        Assert.Equal("peer-to", acks[0].To!.Tag);
        Assert.Equal(new SipCSeq(transaction.Request.CSeq!.Value.Number, SipMethods.Ack), acks[0].CSeq);

        f.Advance(TimeSpan.FromSeconds(32));
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public async Task Invite_2xx_TerminatesTransactionAndLeavesAckToTheCore()
    {
        var f = new StackFixture();
        var transaction = await f.Stack.SendRequestAsync(f.NewInvite(), f.Transport.PeerEndPoint);
        var ok = Messages.ResponseTo(transaction.Request, 200);
        await f.Transport.InjectAsync(ok);

        Assert.Equal(200, (await transaction.FinalResponse).StatusCode);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.DoesNotContain(f.Transport.SentRequests, r => r.Method == SipMethods.Ack);

        // The core's ACK is repeated when the 2xx is retransmitted (§13.2.2.4).
        var ack = new SipRequest(SipMethods.Ack, transaction.Request.RequestUri);
        ack.Headers.Add(SipHeaderNames.From, transaction.Request.Headers.Get(SipHeaderNames.From)!);
        ack.Headers.Add(SipHeaderNames.To, ok.Headers.Get(SipHeaderNames.To)!);
        ack.Headers.Add(SipHeaderNames.CallId, transaction.Request.CallId!);
        ack.CSeq = new SipCSeq(transaction.Request.CSeq!.Value.Number, SipMethods.Ack);
        await f.Stack.SendAckAsync(ack, f.Transport.PeerEndPoint);
        await f.Transport.InjectAsync(ok);

        Assert.Equal(2, f.Transport.SentRequests.Count(r => r.Method == SipMethods.Ack));
    }

    [Fact]
    public async Task Invite_OverTcp_DoesNotRetransmit()
    {
        var f = new StackFixture(SipTransportKind.Tcp);
        await f.Stack.SendRequestAsync(f.NewInvite(), f.Transport.PeerEndPoint);

        f.Advance(TimeSpan.FromSeconds(20), 40);

        Assert.Single(f.Transport.Sent);
        Assert.Equal("TCP", f.Transport.SentRequests[0].TopVia!.Transport);
    }

    [Fact]
    public async Task Cancel_AfterProvisional_UsesInviteBranchAndCSeqNumber()
    {
        var f = new StackFixture();
        var invite = await f.Stack.SendRequestAsync(f.NewInvite(), f.Transport.PeerEndPoint);
        await f.Transport.InjectAsync(Messages.ResponseTo(invite.Request, 180));
        await invite.WhenCancellableAsync();

        var cancel = await f.Stack.SendRequestAsync(invite.CreateCancel(), f.Transport.PeerEndPoint);
        await f.Transport.InjectAsync(Messages.ResponseTo(cancel.Request, 200));
        await f.Transport.InjectAsync(Messages.ResponseTo(invite.Request, 487));

        Assert.Equal(200, (await cancel.FinalResponse).StatusCode);
        Assert.Equal(487, (await invite.FinalResponse).StatusCode);
        Assert.Equal(invite.Branch, cancel.Branch);
        Assert.Equal(SipMethods.Cancel, cancel.Request.CSeq!.Value.Method);
        Assert.Equal(invite.Request.CSeq!.Value.Number, cancel.Request.CSeq!.Value.Number);
    }

    [Fact]
    public async Task Response_WithUnknownBranch_IsReportedAsStray()
    {
        var f = new StackFixture();
        var strays = new List<SipResponse>();
        f.Stack.StrayResponseReceived += (r, _) => strays.Add(r);
        var request = f.NewOptions();
        request.Headers.AddFirst(SipHeaderNames.Via, "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKnotours");

        await f.Transport.InjectAsync(Messages.ResponseTo(request, 200));

        Assert.Single(strays);
    }
}
