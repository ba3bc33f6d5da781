using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Media.Tests.Srtp;

public class SrtpSessionTests
{
    public static TheoryData<SrtpProfile> Profiles => new() { SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm };

    private static (SrtpSession Sender, SrtpSession Receiver) Pair(SrtpProfile profile)
    {
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var salt = Enumerable.Range(100, profile == SrtpProfile.AeadAes128Gcm ? 12 : 14).Select(i => (byte)i).ToArray();
        return (new SrtpSession(profile, key, salt), new SrtpSession(profile, key, salt));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotectRtp_AfterProtect_RoundTripsHeaderAndPayload(SrtpProfile profile)
    {
        foreach (var extended in new[] { false, true })
        {
            var (sender, receiver) = Pair(profile);
            using (sender)
            using (receiver)
            {
                var (buffer, length) = SrtpTestPackets.Rtp(1000, withCsrcAndExtension: extended);
                var original = buffer.AsSpan(0, length).ToArray();
                var protectedLength = sender.ProtectRtp(buffer, length);
                Assert.Equal(length + (profile == SrtpProfile.Aes128CmHmacSha1_80 ? 10 : 16), protectedLength);
                Assert.NotEqual(original, buffer.AsSpan(0, length).ToArray());

                Assert.True(receiver.TryUnprotectRtp(buffer, protectedLength, out var plainLength));
                Assert.Equal(original, buffer.AsSpan(0, plainLength).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotectRtcp_AfterProtect_RoundTripsAndIndexesFromZero(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            for (var i = 0; i < 3; i++)
            {
                var (buffer, length) = SrtpTestPackets.Rtcp();
                var original = buffer.AsSpan(0, length).ToArray();
                var protectedLength = sender.ProtectRtcp(buffer, length);
                Assert.Equal(length + (profile == SrtpProfile.AeadAes128Gcm ? 20 : 14), protectedLength);

                // RFC 3711 §3.4: E flag set, index counting from 0.
                var indexOffset = profile == SrtpProfile.AeadAes128Gcm ? protectedLength - 4 : protectedLength - 14;
                Assert.Equal(0x80, buffer[indexOffset]);
                Assert.Equal(i, buffer[indexOffset + 3]);

                Assert.True(receiver.TryUnprotectRtcp(buffer, protectedLength, out var plainLength));
                Assert.Equal(original, buffer.AsSpan(0, plainLength).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotectRtp_AnyFlippedBit_FailsAuthenticationAndCounts(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var (buffer, length) = SrtpTestPackets.Rtp(5, payloadLength: 20);
            var protectedLength = sender.ProtectRtp(buffer, length);
            var packet = buffer.AsSpan(0, protectedLength).ToArray();

            // Every octet after the first (the first would make it malformed instead): flip one bit.
            for (var i = 1; i < protectedLength; i++)
            {
                var tampered = packet.ToArray();
                tampered[i] ^= 0x04;
                Assert.False(receiver.TryUnprotectRtp(tampered, protectedLength, out var plainLength));
                Assert.Equal(0, plainLength);
            }

            Assert.Equal(protectedLength - 1, receiver.AuthenticationFailures);
            Assert.Equal(SrtpDropReason.AuthenticationFailure, receiver.LastDropReason);

            // The untouched packet still authenticates: failures did not advance any state.
            Assert.True(receiver.TryUnprotectRtp(packet, protectedLength, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotectRtcp_FlippedBit_FailsAuthentication(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var (buffer, length) = SrtpTestPackets.Rtcp();
            var protectedLength = sender.ProtectRtcp(buffer, length);
            buffer[12] ^= 0x80;
            Assert.False(receiver.TryUnprotectRtcp(buffer, protectedLength, out _));
            Assert.Equal(1, receiver.AuthenticationFailures);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotectRtp_SamePacketTwice_SecondIsReplay(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var (buffer, length) = SrtpTestPackets.Rtp(77);
            var protectedLength = sender.ProtectRtp(buffer, length);
            var copy = buffer.ToArray();
            Assert.True(receiver.TryUnprotectRtp(buffer, protectedLength, out _));
            Assert.False(receiver.TryUnprotectRtp(copy, protectedLength, out _));
            Assert.Equal(1, receiver.ReplaysDropped);
            Assert.Equal(SrtpDropReason.Replay, receiver.LastDropReason);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotectRtcp_SamePacketTwice_SecondIsReplay(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var (buffer, length) = SrtpTestPackets.Rtcp();
            var protectedLength = sender.ProtectRtcp(buffer, length);
            var copy = buffer.ToArray();
            Assert.True(receiver.TryUnprotectRtcp(buffer, protectedLength, out _));
            Assert.False(receiver.TryUnprotectRtcp(copy, protectedLength, out _));
            Assert.Equal(1, receiver.ReplaysDropped);
        }
    }

    [Fact]
    public void TryUnprotectRtp_ReorderedWithinWindow_AcceptedOnceOlderThanWindowRejected()
    {
        var (sender, receiver) = Pair(SrtpProfile.AeadAes128Gcm);
        using (sender)
        using (receiver)
        {
            var packets = new List<(byte[] Buffer, int Length)>();
            for (ushort seq = 0; seq < 300; seq++)
            {
                var (buffer, length) = SrtpTestPackets.Rtp(seq, payloadLength: 8);
                packets.Add((buffer, sender.ProtectRtp(buffer, length)));
            }

            // Deliver 0, then 299, then 200 (inside the 128 window), then 100 (outside it).
            Assert.True(receiver.TryUnprotectRtp(packets[0].Buffer, packets[0].Length, out _));
            Assert.True(receiver.TryUnprotectRtp(packets[299].Buffer, packets[299].Length, out _));
            Assert.True(receiver.TryUnprotectRtp(packets[200].Buffer, packets[200].Length, out _));
            Assert.False(receiver.TryUnprotectRtp(packets[100].Buffer, packets[100].Length, out _));
            Assert.Equal(SrtpDropReason.Replay, receiver.LastDropReason);
            Assert.True(receiver.TryUnprotectRtp(packets[298].Buffer, packets[298].Length, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotectRtp_SequenceWrapsPastFFFF_RolloverCounterFollows(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            // 1,000 packets from sequence 65,000: the sequence wraps at 65,535 and ROC goes from 0 to 1
            // on both sides (a wrong ROC would fail authentication from packet 536 on).
            var received = 0;
            ushort seq = 65000;
            for (var n = 0; n < 1000; n++, seq++)
            {
                var (buffer, length) = SrtpTestPackets.Rtp(seq, payloadLength: 4);
                var protectedLength = sender.ProtectRtp(buffer, length);
                if (receiver.TryUnprotectRtp(buffer, protectedLength, out _))
                {
                    received++;
                }
            }

            Assert.Equal(1000, received);
            Assert.Equal(0, receiver.AuthenticationFailures);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotectRtp_ReorderedAcrossWrap_LateLowRocPacketStillDecrypts(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var packets = new List<(byte[] Buffer, int Length)>();
            foreach (var seq in new ushort[] { 65533, 65534, 65535, 0, 1, 2 })
            {
                var (buffer, length) = SrtpTestPackets.Rtp(seq, payloadLength: 4);
                packets.Add((buffer, sender.ProtectRtp(buffer, length)));
            }

            // Arrival order: 65533, 0 (ROC 1), 65534 (late, ROC 0), 1, 65535 (late), 2.
            foreach (var i in new[] { 0, 3, 1, 4, 2, 5 })
            {
                Assert.True(receiver.TryUnprotectRtp(packets[i].Buffer, packets[i].Length, out _), $"packet {i}");
            }
        }
    }

    [Fact]
    public void TryUnprotectRtp_HighRolloverCounter_UsesItInTheIndex()
    {
        var (sender, receiver) = Pair(SrtpProfile.Aes128CmHmacSha1_80);
        using (sender)
        using (receiver)
        {
            // Both sides learnt ROC 0xFFFF earlier in the call; a receiver at ROC 0 cannot authenticate the packet.
            sender.SetOutboundIndex(0x11223344, (0xFFFFUL << 16) | 10);
            var (buffer, length) = SrtpTestPackets.Rtp(11);
            var protectedLength = sender.ProtectRtp(buffer, length);
            var copy = buffer.ToArray();

            Assert.False(receiver.TryUnprotectRtp(copy, protectedLength, out _));
            receiver.SetInboundIndex(0x11223344, (0xFFFFUL << 16) | 10);
            Assert.True(receiver.TryUnprotectRtp(buffer, protectedLength, out _));
        }
    }

    [Fact]
    public void TryUnprotectRtp_WrongKey_FailsAuthentication()
    {
        using var sender = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, new byte[16], new byte[14]);
        using var receiver = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, Enumerable.Repeat((byte)1, 16).ToArray(), new byte[14]);
        var (buffer, length) = SrtpTestPackets.Rtp(1);
        var protectedLength = sender.ProtectRtp(buffer, length);
        Assert.False(receiver.TryUnprotectRtp(buffer, protectedLength, out _));
    }

    [Fact]
    public void Constructor_WrongKeyLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SrtpSession(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[14]));
        Assert.Throws<ArgumentException>(() => new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, new byte[15], new byte[14]));
    }

    [Fact]
    public void ProtectRtp_BufferWithoutRoomForTag_Throws()
    {
        using var sender = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, new byte[16], new byte[14]);
        var (buffer, length) = SrtpTestPackets.Rtp(1);
        Assert.Throws<ArgumentException>(() => sender.ProtectRtp(buffer.AsSpan(0, length + 5), length));
    }

    [Fact]
    public void TryUnprotectRtp_MoreThanMaxStreamsSsrcs_DropsNewOnesAndCounts()
    {
        var (sender, receiver) = Pair(SrtpProfile.AeadAes128Gcm);
        using (sender)
        using (receiver)
        {
            for (uint ssrc = 1; ssrc <= SrtpSession.MaxStreams + 1; ssrc++)
            {
                using var perSsrcSender = Pair(SrtpProfile.AeadAes128Gcm).Sender;
                var (buffer, length) = SrtpTestPackets.Rtp(1, ssrc);
                var protectedLength = perSsrcSender.ProtectRtp(buffer, length);
                var accepted = receiver.TryUnprotectRtp(buffer, protectedLength, out _);
                Assert.Equal(ssrc <= SrtpSession.MaxStreams, accepted);
            }

            Assert.Equal(1, receiver.StreamLimitDropped);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryProtectRtp_SameSequenceNumberTwice_RefusesToReuseTheIndex(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        using (sender)
        using (receiver)
        {
            var (first, length) = SrtpTestPackets.Rtp(42);
            Assert.True(sender.TryProtectRtp(first, length, out _));

            // Same SSRC and sequence number, different payload: encrypting it would reuse the keystream/nonce.
            var (second, secondLength) = SrtpTestPackets.Rtp(42, payloadLength: 100);
            Assert.False(sender.TryProtectRtp(second, secondLength, out _));
            Assert.Throws<InvalidOperationException>(() => sender.ProtectRtp(second, secondLength));

            // Reordered but unused indices are still fine.
            var (earlier, earlierLength) = SrtpTestPackets.Rtp(41);
            Assert.True(sender.TryProtectRtp(earlier, earlierLength, out _));
        }
    }
}
