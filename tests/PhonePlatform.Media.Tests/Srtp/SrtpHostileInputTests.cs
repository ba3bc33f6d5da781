using PhonePlatform.Media.Srtp;

namespace PhonePlatform.Media.Tests.Srtp;

public class SrtpHostileInputTests
{
    public static TheoryData<SrtpProfile> Profiles => new() { SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm };

    private static SrtpSession Session(SrtpProfile profile) =>
        new(profile, new byte[16], new byte[profile == SrtpProfile.AeadAes128Gcm ? 12 : 14]);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotect_TruncatedPackets_AreMalformedOrFailAuthentication(SrtpProfile profile)
    {
        using var sender = Session(profile);
        using var receiver = Session(profile);
        var (buffer, length) = SrtpTestPackets.Rtp(9, withCsrcAndExtension: true);
        var protectedLength = sender.ProtectRtp(buffer, length);
        for (var cut = 0; cut < protectedLength; cut++)
        {
            var copy = buffer.ToArray();
            Assert.False(receiver.TryUnprotectRtp(copy, cut, out _));
            Assert.False(receiver.TryUnprotectRtcp(copy, cut, out _));
        }

        Assert.True(receiver.MalformedDropped > 0);
        Assert.Equal(0, receiver.ReplaysDropped);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotect_LengthOutsideBuffer_IsMalformed(SrtpProfile profile)
    {
        using var receiver = Session(profile);
        var buffer = new byte[40];
        Assert.False(receiver.TryUnprotectRtp(buffer, 41, out _));
        Assert.False(receiver.TryUnprotectRtp(buffer, -1, out _));
        Assert.False(receiver.TryUnprotectRtcp(buffer, 100, out _));
        Assert.Equal(3, receiver.MalformedDropped);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotect_SeededMutationsOfValidPackets_NeverThrowAndNeverAccept(SrtpProfile profile)
    {
        using var sender = Session(profile);
        using var receiver = Session(profile);
        var random = new Random(3711);
        var (rtp, rtpLength) = SrtpTestPackets.Rtp(1, withCsrcAndExtension: true);
        rtpLength = sender.ProtectRtp(rtp, rtpLength);
        var (rtcp, rtcpLength) = SrtpTestPackets.Rtcp();
        rtcpLength = sender.ProtectRtcp(rtcp, rtcpLength);

        for (var n = 0; n < 5000; n++)
        {
            var (source, sourceLength) = n % 2 == 0 ? (rtp, rtpLength) : (rtcp, rtcpLength);
            var mutated = source.ToArray();
            var length = Mutate(random, mutated, sourceLength);
            if (length == sourceLength && mutated.AsSpan(0, length).SequenceEqual(source.AsSpan(0, length)))
            {
                // Two flips of the same bit cancel out: the packet would be the genuine one.
                mutated[random.Next(length)] ^= 0x01;
            }

            var accepted = n % 2 == 0
                ? receiver.TryUnprotectRtp(mutated, length, out _)
                : receiver.TryUnprotectRtcp(mutated, length, out _);
            Assert.False(accepted, $"mutation {n} was accepted");
        }

        Assert.Equal(5000, receiver.AuthenticationFailures + receiver.MalformedDropped + receiver.ReplaysDropped + receiver.StreamLimitDropped);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void TryUnprotect_RandomGarbage_NeverThrows(SrtpProfile profile)
    {
        using var receiver = Session(profile);
        var random = new Random(7714);
        var buffer = new byte[1600];
        for (var n = 0; n < 5000; n++)
        {
            var length = random.Next(0, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (n % 3 == 0)
            {
                buffer[0] = (byte)(0x80 | (buffer[0] & 0x3F));
            }

            Assert.False(receiver.TryUnprotectRtp(buffer, length, out _));
            Assert.False(receiver.TryUnprotectRtcp(buffer, length, out _));
        }
    }

    /// <summary>Flips bits, overwrites octets or truncates; always changes something.</summary>
    internal static int Mutate(Random random, byte[] packet, int length)
    {
        switch (random.Next(3))
        {
            case 0:
                var flips = random.Next(1, 4);
                for (var i = 0; i < flips; i++)
                {
                    packet[random.Next(length)] ^= (byte)(1 << random.Next(8));
                }

                return length;
            case 1:
                var at = random.Next(length);
                packet[at] = (byte)~packet[at];
                return length;
            default:
                return random.Next(length);
        }
    }
}
