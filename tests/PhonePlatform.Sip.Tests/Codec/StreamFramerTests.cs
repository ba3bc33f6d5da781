using System.Text;
using PhonePlatform.Sip.Internal;

namespace PhonePlatform.Sip.Tests.Codec;

public sealed class StreamFramerTests
{
    private const string Message = "OPTIONS sip:a@b SIP/2.0\r\nl: 5\r\n\r\nhello";

    [Fact]
    public void Next_CompleteMessageFollowedByMore_FramesExactlyOne()
    {
        var bytes = Encoding.ASCII.GetBytes(Message + "OPTIONS");

        Assert.Equal(SipFrameKind.Message, SipStreamFramer.Next(bytes, 65_535, out var consumed, out var length));
        Assert.Equal(Message.Length, consumed);
        Assert.Equal(Message.Length, length);
    }

    [Fact]
    public void Next_PartialBody_NeedsMore()
    {
        Assert.Equal(SipFrameKind.NeedMore, SipStreamFramer.Next(Encoding.ASCII.GetBytes(Message[..^2]), 65_535, out _, out _));
    }

    [Fact]
    public void Next_MissingContentLength_MeansNoBody()
    {
        var bytes = Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\nNEXT");

        Assert.Equal(SipFrameKind.Message, SipStreamFramer.Next(bytes, 65_535, out var consumed, out _));
        Assert.Equal(bytes.Length - 4, consumed);
    }

    [Theory]
    [InlineData("\r\n\r\n", nameof(SipFrameKind.KeepAlivePing))]
    [InlineData("\r\nOPTIONS", nameof(SipFrameKind.KeepAlivePong))]
    [InlineData("\r\n", nameof(SipFrameKind.NeedMore))]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n", nameof(SipFrameKind.Invalid))]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 99999999\r\n\r\n", nameof(SipFrameKind.Invalid))]
    public void Next_KeepAlivesAndBadLengths(string input, string expected)
    {
        Assert.Equal(expected, SipStreamFramer.Next(Encoding.ASCII.GetBytes(input), 65_535, out _, out _).ToString());
    }

    [Fact]
    public void Next_EndlessHeaders_AreInvalidBeyondTheLimit()
    {
        var bytes = Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\n" + new string('X', 2000));

        Assert.Equal(SipFrameKind.Invalid, SipStreamFramer.Next(bytes, 1024, out _, out _));
    }
}
