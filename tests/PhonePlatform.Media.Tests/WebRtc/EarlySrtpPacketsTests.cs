using PhonePlatform.Media.Transport;
using PhonePlatform.Media.WebRtc;

namespace PhonePlatform.Media.Tests.WebRtc;

public sealed class EarlySrtpPacketsTests
{
    [Fact]
    public void HeldPackets_AreReplayedInArrivalOrder_WithTheirOwnLengths()
    {
        var held = new EarlySrtpPackets();
        var counters = new MediaCounters();
        held.Hold([1, 2, 3], counters);
        held.Hold([4, 5], counters);

        var replayed = new List<byte[]>();
        held.Drain(packet => replayed.Add(packet.AsSpan().ToArray()));

        Assert.Equal([[1, 2, 3], [4, 5]], replayed);
        Assert.Equal(0, held.Count);
        Assert.Equal(0, counters.RtpDropped);
    }

    [Fact]
    public void BeyondCapacity_PacketsAreDroppedAndCounted()
    {
        var held = new EarlySrtpPackets();
        var counters = new MediaCounters();
        for (var i = 0; i < 130; i++)
        {
            held.Hold(new byte[172], counters);
        }

        Assert.Equal(100, held.Count);
        Assert.Equal(30, counters.RtpDropped);
    }
}
