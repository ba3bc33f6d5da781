using PhonePlatform.Media.Sdp;

namespace PhonePlatform.Media.Tests.Sdp;

public sealed class SdpParserTests
{
    [Fact]
    public void TryParse_ChromiumOffer_ReadsSessionAndAudioSection()
    {
        Assert.True(SdpParser.TryParse(ChromiumOffer.Text, out var session, out var error), error);

        Assert.Equal("6647180849993594624", session!.Origin.SessionId);
        Assert.Equal("BUNDLE 0", session.GetAttribute("group"));
        var audio = Assert.Single(session.Media);
        Assert.Equal("audio", audio.Media);
        Assert.Equal(35329, audio.Port);
        Assert.Equal("UDP/TLS/RTP/SAVPF", audio.Protocol);
        Assert.Equal(["111", "63", "9", "0", "8", "13", "110", "126"], audio.Formats);
        Assert.Equal("0", audio.GetAttribute("mid"));
        Assert.Equal("MupT", session.GetAttribute(audio, "ice-ufrag"));
        Assert.True(audio.HasAttribute("rtcp-mux"));
        Assert.Equal(new SdpRtpMap("126", "telephone-event", 8000, null), audio.GetRtpMap("126"));
        Assert.Equal(new SdpRtpMap("111", "opus", 48000, 2), audio.GetRtpMap("111"));
        Assert.Equal("sendrecv", audio.Direction);
    }

    [Fact]
    public void ToString_ParsedChromiumOffer_RoundTripsByteForByteWithUnknownAttributes()
    {
        Assert.True(SdpParser.TryParse(ChromiumOffer.Text, out var session, out _));

        var text = session!.ToString();

        Assert.Equal(ChromiumOffer.Text, text);
        Assert.Contains("a=extmap-allow-mixed\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=ssrc:1147263368 cname:0JZ/p2QGzkzcrZZt\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LfLineEndsAndOptionalLines_KeepsThemInRfcOrder()
    {
        const string text = "v=0\no=alice 1 1 IN IP4 192.0.2.10\ns=call\ni=info\nu=http://example.com\ne=a@example.com\nc=IN IP4 192.0.2.10\nb=AS:64\nt=0 0\nk=prompt\na=tool:x\nm=audio 49170/2 RTP/AVP 0\ni=voice\nb=AS:64\na=x-unknown:1 2 3\n";

        Assert.True(SdpParser.TryParse(text, out var session, out var error), error);

        Assert.Equal(text.Replace("\n", "\r\n", StringComparison.Ordinal), session!.ToString());
        Assert.Equal(2, session.Media[0].PortCount);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("o=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n", "v=0")]
    [InlineData("v=1\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n", "v=0")]
    [InlineData("v=0\r\ns=-\r\n", "required")]
    [InlineData("v=0\r\no=- 1 1 IN IP4\r\ns=-\r\n", "o=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 70000 RTP/AVP 0\r\n", "port")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio -1 RTP/AVP 0\r\n", "port")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 1000 RTP/AVP\r\n", "format")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4\r\n", "c=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nx=what\r\n", "not allowed")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nnot a line\r\n", "form")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\na=\r\n", "attribute")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nv=0\r\n", "repeated")]
    public void TryParse_MalformedDescription_RefusedWithClearError(string? text, string errorMentions)
    {
        Assert.False(SdpParser.TryParse(text, out var session, out var error));

        Assert.Null(session);
        Assert.Contains(errorMentions, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TryParse_OversizedDescription_Refused()
    {
        var text = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n" + string.Concat(Enumerable.Repeat("a=x-padding:0123456789abcdef\r\n", 4000));

        Assert.False(SdpParser.TryParse(text, out _, out var error));
        Assert.Contains("longer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SeededMutationsOfChromiumOffer_NeverThrowAndAnswerNeverThrows()
    {
        var random = new Random(8866);
        var local = SdpAnswererTests.Local;
        var accepted = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var mutated = Mutate(ChromiumOffer.Text, random);
            if (SdpParser.TryParse(mutated, out var session, out var error))
            {
                accepted++;
                Assert.NotNull(session);
                _ = session.ToString();
                SdpAnswerer.TryAnswerWebRtc(session, local, out _, out _, out _);
                SdpAnswerer.TryAnswerRtp(session, SdpAnswererTests.RtpLocal, out _, out _, out _);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        }

        Assert.True(accepted > 0);
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToCharArray().ToList();
        const string alphabet = "=:/ \r\n0123456789amvcosx-";
        for (var e = random.Next(1, 6); e > 0; e--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0:
                    chars[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                case 1:
                    chars.RemoveRange(at, Math.Min(random.Next(1, 20), chars.Count - at));
                    break;
                default:
                    chars.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
            }
        }

        return new string([.. chars]);
    }
}
