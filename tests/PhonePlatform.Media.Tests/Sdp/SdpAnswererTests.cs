using System.Net;
using PhonePlatform.Media.Ice;
using PhonePlatform.Media.Sdp;

namespace PhonePlatform.Media.Tests.Sdp;

public sealed class SdpAnswererTests
{
    internal static readonly WebRtcLocalDescription Local = new()
    {
        Address = IPAddress.Parse("192.0.2.5"),
        Port = 40_000,
        Ice = new IceCredentials("AbCd1234", "abcdefghijklmnopqrstuvwx"),
        Fingerprint = "sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32)),
        SessionId = "42",
    };

    internal static readonly RtpLocalDescription RtpLocal = new() { Address = IPAddress.Parse("192.0.2.5"), Port = 40_002, SessionId = "43" };

    [Fact]
    public void TryAnswerWebRtc_ChromiumOffer_AnswersIceLitePassivePcmuWithMirroredTelephoneEvent()
    {
        Assert.True(SdpParser.TryParse(ChromiumOffer.Text, out var offer, out _));

        Assert.True(SdpAnswerer.TryAnswerWebRtc(offer!, Local, out var answer, out var negotiation, out var error), error);

        var text = answer!.ToString();
        Assert.Contains("a=ice-lite\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=group:BUNDLE 0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("m=audio 40000 UDP/TLS/RTP/SAVPF 0 126\r\n", text, StringComparison.Ordinal);
        Assert.Contains("c=IN IP4 192.0.2.5\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=mid:0\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=setup:passive\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtcp-mux\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=ice-ufrag:AbCd1234\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=fingerprint:" + Local.Fingerprint + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=candidate:1 1 udp 2130706431 192.0.2.5 40000 typ host\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:0 PCMU/8000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:126 telephone-event/8000\r\na=fmtp:126 0-16\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=sendrecv\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("actpass", text, StringComparison.Ordinal);
        Assert.Equal("MupT", negotiation!.RemoteIceUfrag);
        Assert.StartsWith("sha-256 9C:1B", negotiation.RemoteFingerprint, StringComparison.Ordinal);
        Assert.Equal(SdpCodec.Pcmu, negotiation.Codec);
        Assert.Equal(126, negotiation.TelephoneEventPayloadType);
        Assert.True(SdpParser.TryParse(text, out _, out _));
    }

    [Fact]
    public void TryAnswerWebRtc_PcmaPreferred_ChoosesPcma()
    {
        Assert.True(SdpParser.TryParse(ChromiumOffer.Text, out var offer, out _));

        Assert.True(SdpAnswerer.TryAnswerWebRtc(offer!, Local with { CodecPreference = [SdpCodec.Pcma, SdpCodec.Pcmu] }, out var answer, out var negotiation, out _));

        Assert.Equal(8, negotiation!.Codec.PayloadType);
        Assert.Equal(["8", "126"], answer!.Media[0].Formats);
    }

    [Theory]
    [InlineData("a=fingerprint:", "fingerprint")]
    [InlineData("a=ice-pwd:", "ice-ufrag")]
    [InlineData("a=rtcp-mux\r\n", "rtcp-mux")]
    [InlineData("a=rtpmap:0 PCMU", "codecs")]
    public void TryAnswerWebRtc_OfferMissingSomethingChromiumNeeds_RefusedWithReason(string removeLineStartingWith, string errorMentions)
    {
        var lines = ChromiumOffer.Text.Split("\r\n").Where(l => !(l + "\r\n").StartsWith(removeLineStartingWith, StringComparison.Ordinal));
        var text = string.Join("\r\n", lines);
        if (removeLineStartingWith.StartsWith("a=rtpmap:0", StringComparison.Ordinal))
        {
            text = text.Replace(" 0 8 13", " 13", StringComparison.Ordinal).Replace("a=rtpmap:8 PCMA/8000\r\n", "", StringComparison.Ordinal);
        }

        Assert.True(SdpParser.TryParse(text, out var offer, out _));

        Assert.False(SdpAnswerer.TryAnswerWebRtc(offer!, Local, out var answer, out _, out var error));
        Assert.Null(answer);
        Assert.Contains(errorMentions, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAnswerWebRtc_OfferWithSetupPassive_RefusedBecauseWeAreAlwaysServer()
    {
        Assert.True(SdpParser.TryParse(ChromiumOffer.Text.Replace("a=setup:actpass", "a=setup:passive", StringComparison.Ordinal), out var offer, out _));

        Assert.False(SdpAnswerer.TryAnswerWebRtc(offer!, Local, out _, out _, out var error));
        Assert.Contains("DTLS client", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sendonly", "recvonly")]
    [InlineData("recvonly", "sendonly")]
    [InlineData("inactive", "inactive")]
    public void TryAnswerWebRtc_HoldDirections_Mirrored(string offered, string answered)
    {
        Assert.True(SdpParser.TryParse(ChromiumOffer.Text.Replace("a=sendrecv", "a=" + offered, StringComparison.Ordinal), out var offer, out _));

        Assert.True(SdpAnswerer.TryAnswerWebRtc(offer!, Local, out var answer, out var negotiation, out _));
        Assert.Equal(answered, negotiation!.Direction);
        Assert.Equal(answered, answer!.Media[0].Direction);
    }

    [Fact]
    public void TryAnswerWebRtc_OfferWithVideoToo_RejectsVideoWithPortZeroKeepingMid()
    {
        var text = ChromiumOffer.Text.Replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 1", StringComparison.Ordinal)
            + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\n";
        Assert.True(SdpParser.TryParse(text, out var offer, out _));

        Assert.True(SdpAnswerer.TryAnswerWebRtc(offer!, Local, out var answer, out _, out _));

        Assert.Equal(2, answer!.Media.Count);
        Assert.Equal(0, answer.Media[1].Port);
        Assert.Equal("1", answer.Media[1].GetAttribute("mid"));
        Assert.Equal("BUNDLE 0", answer.GetAttribute("group"));
    }

    [Fact]
    public void TryAnswerRtp_TrunkOffer_AnswersPcmaAndTelephoneEventAt101()
    {
        const string offerText = "v=0\r\no=carrier 1 1 IN IP4 203.0.113.7\r\ns=-\r\nc=IN IP4 203.0.113.7\r\nt=0 0\r\n"
            + "m=audio 30000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\n";
        Assert.True(SdpParser.TryParse(offerText, out var offer, out _));

        Assert.True(SdpAnswerer.TryAnswerRtp(offer!, RtpLocal, out var answer, out var negotiation, out var error), error);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.7"), 30000), negotiation!.RemoteRtpEndPoint);
        Assert.Equal(SdpCodec.Pcma, negotiation.Codec);
        Assert.False(negotiation.RtcpMux);
        var text = answer!.ToString();
        Assert.Contains("c=IN IP4 192.0.2.5\r\n", text, StringComparison.Ordinal);
        Assert.Contains("m=audio 40002 RTP/AVP 8 101\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fingerprint", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TryAnswerRtp_SecureProfile_Refused()
    {
        Assert.True(SdpParser.TryParse(ChromiumOffer.Text, out var offer, out _));

        Assert.False(SdpAnswerer.TryAnswerRtp(offer!, RtpLocal, out _, out _, out var error));
        Assert.Contains("RTP/AVP", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRtpOffer_AnsweredByOurselves_AgreesOnFirstCodec()
    {
        var offer = SdpAnswerer.CreateRtpOffer(RtpLocal);
        Assert.True(SdpParser.TryParse(offer.ToString(), out var reparsed, out _));

        Assert.True(SdpAnswerer.TryAnswerRtp(reparsed!, RtpLocal with { Port = 50_000 }, out _, out var negotiation, out _));

        Assert.Equal(SdpCodec.Pcmu, negotiation!.Codec);
        Assert.Equal(101, negotiation.TelephoneEventPayloadType);
        Assert.Equal(40_002, negotiation.RemoteRtpEndPoint!.Port);
    }
}
