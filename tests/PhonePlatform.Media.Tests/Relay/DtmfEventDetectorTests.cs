using PhonePlatform.Media.Rtp;

namespace PhonePlatform.Media.Tests.Relay;

public class DtmfEventDetectorTests
{
    private static byte[] Payload(byte code, bool end, ushort duration)
    {
        var payload = new byte[4];
        new TelephoneEvent(code, end, 10, duration).Write(payload);
        return payload;
    }

    [Fact]
    public void OnPacket_SameDigitTwiceInARow_ReportsTwoEventsByTimestamp()
    {
        var detector = new DtmfEventDetector();
        var reports = new List<DtmfEvent>();
        detector.DigitDetected += reports.Add;
        foreach (var ts in new uint[] { 1000, 3000 })
        {
            detector.OnPacket(ts, Payload(1, false, 160));
            detector.OnPacket(ts, Payload(1, true, 640));
            detector.OnPacket(ts, Payload(1, true, 640));
            detector.OnPacket(ts, Payload(1, true, 640));
        }

        Assert.Equal(4, reports.Count);
        Assert.Equal(2, reports.Count(r => r.End));
        Assert.All(reports, r => Assert.Equal('1', r.Digit));
    }

    [Fact]
    public void OnPacket_OnlyEndPacketsArrive_ReportsStartAndEndOnce()
    {
        var detector = new DtmfEventDetector();
        var reports = new List<DtmfEvent>();
        detector.DigitDetected += reports.Add;
        for (var i = 0; i < 3; i++)
        {
            detector.OnPacket(500, Payload(11, true, 800));
        }

        Assert.Equal([new DtmfEvent('#', TimeSpan.FromMilliseconds(100), false, 500), new DtmfEvent('#', TimeSpan.FromMilliseconds(100), true, 500)], reports);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("")]
    public void OnPacket_ShortPayload_ReturnsFalse(string hex)
    {
        Assert.False(new DtmfEventDetector().OnPacket(0, Hex.Bytes(hex)));
    }

    [Fact]
    public void OnPacket_NonDtmfEvent_ReturnsFalse()
    {
        // Event 16 is flash (RFC 4733 §3.2): not a digit.
        Assert.False(new DtmfEventDetector().OnPacket(0, Payload(16, false, 160)));
    }

    [Theory]
    [InlineData('0', 0)]
    [InlineData('9', 9)]
    [InlineData('*', 10)]
    [InlineData('#', 11)]
    [InlineData('A', 12)]
    [InlineData('D', 15)]
    public void EventOf_Digit_MatchesRfc4733Codes(char digit, byte code)
    {
        Assert.Equal(code, TelephoneEvent.EventOf(digit));
        Assert.Equal(digit, new TelephoneEvent(code, false, 0, 0).Digit);
    }
}
