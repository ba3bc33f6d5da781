using PhonePlatform.Sip.Tests.Support;

namespace PhonePlatform.Sip.Tests.Transactions;

/// <summary>
/// RFC 6026 §8.7: an INVITE retransmitted after its 2xx (found by the call load test: under load a late 100 Trying
/// let the client's Timer A fire) is absorbed, not handed to the TU as a second call; after Timer L it is new again.
/// </summary>
public sealed class AcceptedInviteTests
{
    [Fact]
    public async Task InviteRetransmittedAfter2xx_IsAbsorbed_AndDoesNotReachTheTuAgain()
    {
        var f = new StackFixture();
        var handler = new RecordingHandler(200);
        f.Stack.RequestHandler = handler;

        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));
        f.Advance(TimeSpan.FromMilliseconds(400));
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task SameBranchAfterTimerL_ReachesTheTuAsANewRequest()
    {
        var f = new StackFixture();
        var handler = new RecordingHandler(200);
        f.Stack.RequestHandler = handler;
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));

        f.Advance(TimeSpan.FromSeconds(33), 33);
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Invite));

        Assert.Equal(2, handler.Requests.Count);
    }
}
