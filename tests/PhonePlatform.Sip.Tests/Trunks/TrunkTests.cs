using System.Net;
using PhonePlatform.Sip.Tests.Support;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Sip.Tests.Trunks;

public sealed class TrunkTests
{
    private static readonly SipTrunk Carrier = new()
    {
        Name = "carrier",
        Host = "192.0.2.10",
        Port = 5070,
        AllowedSources = [IPNetwork.Parse("192.0.2.0/28"), IPNetwork.Parse("2001:db8::/64")],
        NumberFormat = SipTrunkNumberFormat.National,
        CountryCode = "49",
        FailuresBeforeDown = 2,
        OptionsInterval = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData("192.0.2.5", true)]
    [InlineData("192.0.2.16", false)]
    [InlineData("::ffff:192.0.2.5", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("198.51.100.1", false)]
    public void Directory_FindsTrunkOnlyForAllowedSources(string source, bool allowed)
    {
        var directory = new SipTrunkDirectory([Carrier]);

        Assert.Equal(allowed, directory.FindBySource(IPAddress.Parse(source)) is not null);
    }

    [Theory]
    [InlineData("+493012345", SipTrunkNumberFormat.National, "03012345")]
    [InlineData("+14155550100", SipTrunkNumberFormat.National, "0014155550100")]
    [InlineData("+493012345", SipTrunkNumberFormat.E164WithoutPlus, "493012345")]
    [InlineData("+493012345", SipTrunkNumberFormat.E164, "+493012345")]
    public void NumberFormatter_ToTrunk(string e164, SipTrunkNumberFormat format, string expected)
    {
        Assert.Equal(expected, TrunkNumberFormatter.ToTrunk(e164, Carrier with { NumberFormat = format }));
    }

    [Theory]
    [InlineData("03012345", "+493012345")]
    [InlineData("0014155550100", "+14155550100")]
    [InlineData("+493012345", "+493012345")]
    [InlineData("anonymous", null)]
    public void NumberFormatter_ToE164(string number, string? expected)
    {
        Assert.Equal(expected, TrunkNumberFormatter.ToE164(number, Carrier));
    }

    [Fact]
    public void CallerIdentity_WritesPaiOrRpidAndReadsThemBack()
    {
        var f = new StackFixture();
        var identity = SipNameAddress.Parse("\"Front Desk\" <sip:+493012345@pbx.example.com>");

        var pai = f.NewInvite();
        CallerIdentity.Assert(pai, Carrier, identity, hidden: true);
        var rpid = f.NewInvite();
        CallerIdentity.Assert(rpid, Carrier with { CallerIdHeader = SipCallerIdHeader.RemotePartyId }, identity);

        Assert.Equal("id", pai.Headers.Get(SipHeaderNames.Privacy));
        Assert.Equal("+493012345", CallerIdentity.Read(pai)!.Uri.User);
        Assert.Contains("party=calling", rpid.Headers.Get(SipHeaderNames.RemotePartyId), StringComparison.Ordinal);
        Assert.Equal("Front Desk", CallerIdentity.Read(rpid)!.DisplayName);
    }

    [Fact]
    public async Task HealthMonitor_TimeoutsMarkDownAndAResponseMarksUp()
    {
        var f = new StackFixture();
        await using var monitor = new TrunkHealthMonitor(f.Stack, [Carrier]);
        var changes = new List<TrunkStatus>();
        monitor.HealthChanged += (_, h) => changes.Add(h.Status);

        for (var i = 0; i < 2; i++)
        {
            var check = monitor.CheckAsync(Carrier);
            f.Advance(TimeSpan.FromSeconds(33), 33);
            Assert.Equal(408, (await check).LastStatusCode);
        }

        Assert.Equal(TrunkStatus.Down, monitor.GetHealth("carrier").Status);

        var recovery = monitor.CheckAsync(Carrier);
        var options = f.Transport.SentRequests.Last(r => r.Method == SipMethods.Options);
        await f.Transport.InjectAsync(Messages.ResponseTo(options, 404));
        var health = await recovery;

        Assert.Equal(TrunkStatus.Up, health.Status);
        Assert.Equal([TrunkStatus.Down, TrunkStatus.Up], changes);
    }

    [Fact]
    public async Task HealthMonitor_Start_SendsOptionsEveryInterval()
    {
        var f = new StackFixture();
        await using var monitor = new TrunkHealthMonitor(f.Stack, [Carrier with { OptionsInterval = TimeSpan.FromSeconds(10) }]);

        monitor.Start();
        f.Advance(TimeSpan.FromSeconds(20), 20);

        var options = f.Transport.Sent.Where(s => s.Message is SipRequest { Method: SipMethods.Options }).Select(s => s.Message.CallId).Distinct().Count();
        Assert.Equal(3, options);
    }

    [Fact]
    public async Task HealthMonitor_Track_ChecksAddedTrunksAndForgetsRemovedOnes()
    {
        var f = new StackFixture();
        await using var monitor = new TrunkHealthMonitor(f.Stack, [Carrier]);
        monitor.Start();
        var other = Carrier with { Name = "second carrier", Host = "192.0.2.77" };

        monitor.Track([other]);
        f.Advance(TimeSpan.FromSeconds(1), 1);

        Assert.Contains(f.Transport.SentRequests, r => r.Method == SipMethods.Options && r.RequestUri.Host == "192.0.2.77");
        Assert.Equal(TrunkHealth.Initial, monitor.GetHealth(Carrier.Id));
        var options = f.Transport.SentRequests.Last(r => r.Method == SipMethods.Options);
        await f.Transport.InjectAsync(Messages.ResponseTo(options, 200));
        await WaitForAsync(() => monitor.GetHealth(other.Id).Status == TrunkStatus.Up);
    }

    [Fact]
    public async Task HealthMonitor_ZeroInterval_NeverSendsOptions()
    {
        var f = new StackFixture();
        await using var monitor = new TrunkHealthMonitor(f.Stack, [Carrier with { OptionsInterval = TimeSpan.Zero }]);

        monitor.Start();
        f.Advance(TimeSpan.FromSeconds(60), 60);

        Assert.DoesNotContain(f.Transport.SentRequests, r => r.Method == SipMethods.Options);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(10);
        }
    }
}
