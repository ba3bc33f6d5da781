using System.Text;
using PhonePlatform.Sip.Auth;
using PhonePlatform.Sip.Internal;
using PhonePlatform.Testing.Fuzzing;
using Xunit.Abstractions;

namespace PhonePlatform.Sip.Tests.Fuzzing;

/// <summary>
/// The SIP parser, its validator, the stream framer and every header grammar under <see cref="MutationFuzzer"/>
/// (short and seeded in CI; PHONEPLATFORM_FUZZ_SECONDS=N for long runs). <c>ParserFuzzTests</c> keeps the fixed
/// 30k-iteration run of the parser alone.
/// </summary>
public sealed class SipLongFuzzTests(ITestOutputHelper output)
{
    private const int CiIterations = 15_000;

    private static readonly byte[] Dictionary = ":;,<>\"\\ \t\r\n=@%[]/0123456789z9hG4bKsip:tag=branch=Content-Length: SIP/2.0"u8.ToArray();

    private static readonly byte[][] Seeds =
    [
        .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475"), "*.dat", SearchOption.AllDirectories).Select(File.ReadAllBytes),
        Encoding.ASCII.GetBytes(
            "INVITE sip:+15557654321@gw.example;user=phone SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1;rport\r\n" +
            "Max-Forwards: 70\r\nFrom: \"Carrier\" <sip:+15550001111@192.0.2.1>;tag=abc\r\nTo: <sip:+15557654321@gw.example>\r\n" +
            "Call-ID: 1@192.0.2.1\r\nCSeq: 1 INVITE\r\nContact: <sip:192.0.2.1:5060>\r\nP-Asserted-Identity: <sip:+15550001111@192.0.2.1>\r\n" +
            "Authorization: Digest username=\"alice\", realm=\"r\", nonce=\"n\", uri=\"sip:gw\", response=\"0123456789abcdef0123456789abcdef\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c\"\r\n" +
            "Content-Type: application/sdp\r\nContent-Length: 4\r\n\r\nv=0\n"),
    ];

    [Fact]
    public void Parser_MutatedMessages_ParseValidateAndReserialiseWithoutThrowing()
    {
        var run = MutationFuzzer.Run("sip-message", Seeds, 3261, CiIterations, Dictionary, input =>
        {
            var result = SipParser.Parse(input);
            if (!result.IsSuccess)
            {
                return;
            }

            var message = result.Message!;
            _ = SipMessageValidator.Validate(message);
            _ = message.TopVia;
            _ = message.From;
            _ = message.To;
            _ = message.CSeq;
            _ = message.Vias;
            _ = message.Contacts;
            if (message is SipRequest request)
            {
                _ = request.RequestUri;
            }

            // Whatever parsed serialises into something the parser reads back as the same kind of message.
            var again = SipParser.Parse(message.ToArray());
            Assert.True(again.IsSuccess, again.Status.ToString());
            Assert.Equal(message.GetType(), again.Message!.GetType());
        });
        output.WriteLine(run.ToString());
    }

    [Fact]
    public void HeaderGrammars_MutatedValues_NeverThrow()
    {
        byte[][] values =
        [
            "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1;rport=5060;received=192.0.2.9"u8.ToArray(),
            "\"Alice \\\"A\\\"\" <sip:alice@example.com;transport=tcp?subject=x>;tag=1;expires=60"u8.ToArray(),
            "sips:+1555@[2001:db8::1]:5061;user=phone;lr;maddr=192.0.2.1"u8.ToArray(),
            "4711 INVITE"u8.ToArray(),
            "Digest realm=\"r\", nonce=\"abc\", qop=\"auth,auth-int\", algorithm=SHA-256, opaque=\"o\", stale=true"u8.ToArray(),
        ];
        var run = MutationFuzzer.Run("sip-headers", values, 3262, CiIterations, Dictionary, input =>
        {
            var text = Encoding.UTF8.GetString(input);
            _ = SipViaHeader.TryParse(input, out _);
            _ = SipNameAddress.TryParse(input, out _);
            _ = SipNameAddress.TryParse(text, out _);
            _ = SipUri.TryParse(input, out _);
            _ = SipUri.TryParse(text, out _);
            _ = SipCSeq.TryParse(input, out _);
            _ = SipCSeq.TryParse(text.AsSpan(), out _);
            _ = DigestChallenge.TryParse(text, out _);
            _ = DigestCredentials.TryParse(text, out _);
            _ = AuthParameters.TryParse(text, out _, out _);
        });
        output.WriteLine(run.ToString());
    }

    [Fact]
    public void StreamFramer_MutatedStreams_FrameWithinTheBufferOrRefuse()
    {
        byte[][] streams = [.. Seeds.Take(8).Select(seed => (byte[])[.. "\r\n\r\n"u8, .. seed, .. seed])];
        var run = MutationFuzzer.Run("sip-framer", streams, 5626, CiIterations, Dictionary, input =>
        {
            var rest = input.AsSpan();
            for (var frames = 0; frames < 64 && !rest.IsEmpty; frames++)
            {
                var kind = SipStreamFramer.Next(rest, 8192, out var consumed, out var length);
                if (kind is SipFrameKind.NeedMore or SipFrameKind.Invalid)
                {
                    return;
                }

                Assert.InRange(consumed, 1, rest.Length);
                Assert.InRange(length, 0, consumed);
                rest = rest[consumed..];
            }
        });
        output.WriteLine(run.ToString());
    }
}
