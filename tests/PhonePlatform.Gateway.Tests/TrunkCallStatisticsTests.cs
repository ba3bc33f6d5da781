using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Tests;

public sealed class TrunkCallStatisticsTests
{
    private static readonly SipTrunk Carrier = new() { Name = "carrier", Host = "192.0.2.1" };

    [Fact]
    public void Summarize_AnsweredAndBusyAndFailed_AnswerSeizureRatioAndPostDialDelay()
    {
        var time = new FakeTimeProvider();
        var statistics = new TrunkCallStatistics(time);

        var answered = statistics.Begin(Carrier);
        time.Advance(TimeSpan.FromMilliseconds(1200));
        answered.Progressed();
        time.Advance(TimeSpan.FromSeconds(5));
        answered.Complete(200);
        var busy = statistics.Begin(Carrier);
        time.Advance(TimeSpan.FromMilliseconds(800));
        busy.Progressed();
        busy.Complete(486);
        statistics.Begin(Carrier).Complete(503);
        statistics.Begin(Carrier).Complete(200);

        var summary = statistics.Summarize(Carrier.Id);

        Assert.Equal(4, summary.Attempts);
        Assert.Equal(2, summary.Answered);
        Assert.Equal(0.5, summary.AnswerSeizureRatio);
        // 1200 ms, 800 ms and 0 ms (answered at once): the delay until the far end rang, or answered.
        Assert.Equal(TimeSpan.FromMilliseconds(2000.0 / 3), summary.PostDialDelay);
        Assert.Equal(0, summary.ConsecutiveCarrierFailures);
    }

    [Fact]
    public void Summarize_OldAttempts_NoLongerCount()
    {
        var time = new FakeTimeProvider();
        var statistics = new TrunkCallStatistics(time);
        for (var i = 0; i < TrunkCallStatistics.FailuresBeforeFailing; i++)
        {
            statistics.Begin(Carrier).Complete(408);
        }

        Assert.True(statistics.IsFailing(Carrier.Id));

        time.Advance(TrunkCallStatistics.WindowAge + TimeSpan.FromSeconds(1));

        Assert.False(statistics.IsFailing(Carrier.Id));
        Assert.Equal(TrunkCallSummary.Empty, statistics.Summarize(Carrier.Id));
    }

    [Fact]
    public void Complete_Twice_CountsOnce()
    {
        var statistics = new TrunkCallStatistics(new FakeTimeProvider());
        var attempt = statistics.Begin(Carrier);

        attempt.Complete(503);
        attempt.Complete(200);

        Assert.Equal((1, 0), (statistics.Summarize(Carrier.Id).Attempts, statistics.Summarize(Carrier.Id).Answered));
    }
}
