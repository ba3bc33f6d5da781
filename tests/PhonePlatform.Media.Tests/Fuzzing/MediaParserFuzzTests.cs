using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Media.Ice;
using PhonePlatform.Media.Rtcp;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Srtp;
using PhonePlatform.Media.Stun;
using PhonePlatform.Media.Tests.Ice;
using PhonePlatform.Media.Tests.Sdp;
using PhonePlatform.Media.Tests.Srtp;
using PhonePlatform.Media.Tests.Stun;
using PhonePlatform.Media.Transport;
using PhonePlatform.Testing.Fuzzing;
using Xunit.Abstractions;

namespace PhonePlatform.Media.Tests.Fuzzing;

/// <summary>
/// Every media parser that reads bytes from the network, under <see cref="MutationFuzzer"/>: short and seeded in CI,
/// as long as wanted with PHONEPLATFORM_FUZZ_SECONDS. Nothing may throw; nothing mutated may authenticate.
/// </summary>
public sealed class MediaParserFuzzTests(ITestOutputHelper output)
{
    private const int CiIterations = 20_000;

    [Fact]
    public void Sdp_MutatedOffers_ParseOrRefuseAndAnswerWithoutThrowing()
    {
        byte[][] seeds =
        [
            Encoding.UTF8.GetBytes(ChromiumOffer.Text),
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n"u8.ToArray(),
        ];
        var run = MutationFuzzer.Run("sdp", seeds, 8866, CiIterations, "=:/ \r\n0123456789amvcosxtb-IN IP4RTP/SAVPF"u8, input =>
        {
            if (SdpParser.TryParse(Encoding.UTF8.GetString(input), out var session, out var error))
            {
                _ = session!.ToString();
                SdpAnswerer.TryAnswerWebRtc(session, SdpAnswererTests.Local, out _, out _, out _);
                SdpAnswerer.TryAnswerRtp(session, SdpAnswererTests.RtpLocal, out _, out _, out _);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        });
        output.WriteLine(run.ToString());
    }

    [Fact]
    public void Stun_MutatedChecks_NeverThrowAndNeverPassIntegrityWithTheWrongKey()
    {
        byte[][] seeds = [Rfc5769Vectors.SampleRequest, Rfc5769Vectors.SampleIPv4Response, Rfc5769Vectors.SampleIPv6Response, IceLiteAgentTests.Check(useCandidate: true)];
        var wrongKey = "not-the-password"u8.ToArray();
        var run = MutationFuzzer.Run("stun", seeds, 5769, CiIterations, [0x00, 0x01, 0x06, 0x08, 0x20, 0x80, 0x28, 0x21, 0x12, 0xA4, 0x42], input =>
        {
            if (StunMessage.TryParse(input, out var message))
            {
                message.TryGetAttribute(StunAttributeType.Username, out _);
                message.TryGetXorMappedAddress(out _);
                message.HasValidFingerprint();
                Assert.False(message.HasValidMessageIntegrity(wrongKey));
            }
        });
        output.WriteLine(run.ToString());
    }

    [Fact]
    public void IceLite_MutatedChecks_NeverThrowAndAnswerOnlyAuthenticChecks()
    {
        var local = new IceCredentials("LoCaL123", "abcdefghijklmnopqrstuvwx");
        using var agent = new IceLiteAgent(local, "rEmO", new FakeTimeProvider());
        byte[][] seeds = [IceLiteAgentTests.Check(useCandidate: false), IceLiteAgentTests.Check(useCandidate: true)];
        var response = new byte[IceLiteAgent.MaxResponseLength];
        var source = new IPEndPoint(IPAddress.Loopback, 50_000);
        var run = MutationFuzzer.Run("ice-lite", seeds, 8445, CiIterations, [0x00, 0x06, 0x08, 0x25, 0x80, 0x28, 0x2A, 0x24], input =>
        {
            var outcome = agent.HandleStun(input, source, response, out var length);
            Assert.InRange(length, 0, response.Length);
            if (outcome is IceCheckOutcome.Answered or IceCheckOutcome.AnsweredAndNominated)
            {
                // Only a check that still carries a valid MESSAGE-INTEGRITY under our password may be answered.
                Assert.True(StunMessage.TryParse(input, out var check) && check.HasValidMessageIntegrity(Encoding.ASCII.GetBytes(local.Password)));
            }
        });
        output.WriteLine(run.ToString());
    }

    [Fact]
    public void RtpRtcpAndDtmf_MutatedPackets_NeverThrow()
    {
        var dtmf = new byte[] { 0x80, 101, 0, 1, 0, 0, 0, 160, 0x11, 0x22, 0x33, 0x44, 5, 0x8A, 0x03, 0x20 };
        byte[][] seeds =
        [
            SrtpTestPackets.Rtp(1, withCsrcAndExtension: true).Buffer[..(12 + 8 + 4 + 8 + 160)],
            SrtpTestPackets.Rtcp().Buffer[..32],
            dtmf,
        ];
        var run = MutationFuzzer.Run("rtp-rtcp", seeds, 3550, CiIterations, [0x80, 0x81, 0x90, 0xBE, 0xDE, 200, 201, 202, 203, 101], input =>
        {
            _ = MediaPacketClassifier.Classify(input);
            if (RtpHeader.TryParse(input, out var header))
            {
                Assert.InRange(header.HeaderLength, 12, input.Length);
                Assert.InRange(header.HeaderLength + header.PayloadLength + header.PaddingLength, 12, input.Length);
                if (TelephoneEvent.TryParse(input.AsSpan(header.HeaderLength), out var telephoneEvent))
                {
                    _ = telephoneEvent.ToString();
                }
            }

            _ = RtcpParser.TryParseCompound(input, out _);
        });
        output.WriteLine(run.ToString());
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Srtp_MutatedProtectedPackets_NeverThrowAndNeverAuthenticate(SrtpProfile profile)
    {
        var salt = new byte[profile == SrtpProfile.AeadAes128Gcm ? 12 : 14];
        using var sender = new SrtpSession(profile, new byte[16], salt);
        using var receiver = new SrtpSession(profile, new byte[16], salt);
        var (rtp, rtpLength) = SrtpTestPackets.Rtp(7, withCsrcAndExtension: true);
        rtpLength = sender.ProtectRtp(rtp, rtpLength);
        var (rtcp, rtcpLength) = SrtpTestPackets.Rtcp();
        rtcpLength = sender.ProtectRtcp(rtcp, rtcpLength);
        byte[][] seeds = [rtp[..rtpLength], rtcp[..rtcpLength]];
        var buffer = new byte[4096];
        var run = MutationFuzzer.Run("srtp-" + profile, seeds, 3711, CiIterations / 2, [], input =>
        {
            if (seeds.Any(seed => seed.AsSpan().SequenceEqual(input)) || input.Length > buffer.Length)
            {
                return;
            }

            input.CopyTo(buffer, 0);
            Assert.False(receiver.TryUnprotectRtp(buffer, input.Length, out _));
            input.CopyTo(buffer, 0);
            Assert.False(receiver.TryUnprotectRtcp(buffer, input.Length, out _));
        });
        output.WriteLine(run.ToString());
    }
}
