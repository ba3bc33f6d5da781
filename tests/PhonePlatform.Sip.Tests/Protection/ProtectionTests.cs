using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Sip.Protection;
using PhonePlatform.Sip.Tests.Support;

namespace PhonePlatform.Sip.Tests.Protection;

public sealed class ProtectionTests
{
    [Theory]
    [InlineData("friendly-scanner")]
    [InlineData("sipvicious")]
    [InlineData("sipcli/v1.8")]
    [InlineData("VaxSIPUserAgent/3.1")]
    public async Task Scanner_IsDroppedSilently(string userAgent)
    {
        var f = new StackFixture();
        var handler = new RecordingHandler(200);
        f.Stack.RequestHandler = handler;

        await f.Transport.InjectAsync(Messages.Request(SipMethods.Options, extraHeaders: "User-Agent: " + userAgent));

        Assert.Empty(f.Transport.Sent);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Flood_FromOneSource_IsCutAtTheBurstAndRefillsOverTime()
    {
        var f = new StackFixture(options: new SipStackOptions { Protection = new SipProtectionOptions { RequestsPerSecondPerSource = 2, BurstPerSource = 5 } });
        var handler = new RecordingHandler(200);
        f.Stack.RequestHandler = handler;

        for (var i = 0; i < 20; i++)
        {
            await f.Transport.InjectAsync(Messages.Request(SipMethods.Options, branch: "z9hG4bKflood" + i));
        }

        Assert.Equal(5, handler.Requests.Count);
        f.Advance(TimeSpan.FromSeconds(1));
        await f.Transport.InjectAsync(Messages.Request(SipMethods.Options, branch: "z9hG4bKlater"));
        Assert.Equal(6, handler.Requests.Count);
    }

    [Fact]
    public async Task Flood_FromATrustedPeer_IsNotRateLimited()
    {
        // A carrier sends all its calls from one address: hundreds of requests a second are its normal traffic.
        var f = new StackFixture(options: new SipStackOptions { Protection = new SipProtectionOptions { RequestsPerSecondPerSource = 2, BurstPerSource = 5 } });
        var handler = new RecordingHandler(200) { TrustsEverySource = true };
        var dropped = 0;
        f.Stack.MessageDropped += (_, _) => dropped++;
        f.Stack.RequestHandler = handler;

        for (var i = 0; i < 20; i++)
        {
            await f.Transport.InjectAsync(Messages.Request(SipMethods.Options, branch: "z9hG4bKtrunk" + i));
        }

        Assert.Equal(20, handler.Requests.Count);
        Assert.Equal(0, dropped);
    }

    [Fact]
    public async Task TransactionCap_Reached_Gets503WithRetryAfter()
    {
        var f = new StackFixture(options: new SipStackOptions { Protection = new SipProtectionOptions { MaxTransactionsInFlight = 2 } });
        f.Stack.RequestHandler = new RecordingHandler(null);

        for (var i = 0; i < 3; i++)
        {
            await f.Transport.InjectAsync(Messages.Request(SipMethods.Options, branch: "z9hG4bKcap" + i));
        }

        var busy = Assert.Single(f.Transport.SentResponses);
        Assert.Equal(503, busy.StatusCode);
        Assert.Equal("5", busy.Headers.Get(SipHeaderNames.RetryAfter));
    }

    [Fact]
    public void RateLimiter_TracksSourcesIndependently()
    {
        var limiter = new SourceRateLimiter(new SipProtectionOptions { RequestsPerSecondPerSource = 1, BurstPerSource = 1 }, new FakeTimeProvider());

        Assert.True(limiter.TryAcquire(System.Net.IPAddress.Parse("192.0.2.1")));
        Assert.False(limiter.TryAcquire(System.Net.IPAddress.Parse("192.0.2.1")));
        Assert.True(limiter.TryAcquire(System.Net.IPAddress.Parse("192.0.2.2")));
    }
}
