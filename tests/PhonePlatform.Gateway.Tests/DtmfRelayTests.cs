using System.Text;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Gateway.Tests;

public sealed class DtmfRelayTests
{
    [Theory]
    [InlineData("Signal=5\r\nDuration=100\r\n", '5')]
    [InlineData("Signal= #\r\nDuration=160", '#')]
    [InlineData("Duration=100\nsignal=*\n", '*')]
    [InlineData("Signal=d\r\n", 'D')]
    public void TryParseBody_JsSipInfo_Digit(string body, char expected)
    {
        Assert.True(DtmfRelay.TryParseBody(Encoding.ASCII.GetBytes(body), out var digit));
        Assert.Equal(expected, digit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Signal=")]
    [InlineData("Signal=12")]
    [InlineData("Signal=E")]
    [InlineData("Signal")]
    [InlineData("=5")]
    [InlineData("Duration=100")]
    [InlineData("Signal=\u00ff")]
    public void TryParseBody_MalformedOrHostile_False(string body)
    {
        Assert.False(DtmfRelay.TryParseBody(Encoding.Latin1.GetBytes(body), out _));
    }

    [Fact]
    public void TryParseBody_Oversized_FalseWithoutScanning()
    {
        var body = Encoding.ASCII.GetBytes(new string('x', 100_000) + "\nSignal=5");

        Assert.False(DtmfRelay.TryParseBody(body, out _));
    }
}
