using System.Net;
using System.Text;
using PhonePlatform.Media.Stun;

namespace PhonePlatform.Media.Tests.Stun;

public sealed class StunMessageTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes(Rfc5769Vectors.Password);

    [Fact]
    public void TryParse_Rfc5769SampleRequest_ReadsAttributesAndVerifiesIntegrityAndFingerprint()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.SampleRequest, out var message));

        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        Assert.True(message.TransactionId.SequenceEqual(Rfc5769Vectors.TransactionId));
        Assert.True(message.TryGetAttribute(StunAttributeType.Username, out var username));
        Assert.Equal("evtj:h6vY", Encoding.ASCII.GetString(username));
        Assert.True(message.TryGetAttribute(StunAttributeType.Software, out var software));
        Assert.Equal("STUN test client", Encoding.ASCII.GetString(software));
        Assert.True(message.TryGetAttribute(StunAttributeType.Priority, out var priority));
        Assert.Equal(0x6e0001ffu, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(priority));
        Assert.True(message.HasValidMessageIntegrity(Key));
        Assert.True(message.HasValidFingerprint());
    }

    [Theory]
    [InlineData(false, "192.0.2.1")]
    [InlineData(true, "2001:db8:1234:5678:11:2233:4455:6677")]
    public void TryGetXorMappedAddress_Rfc5769SampleResponses_DecodesAddressAndVerifies(bool ipv6, string address)
    {
        var vector = ipv6 ? Rfc5769Vectors.SampleIPv6Response : Rfc5769Vectors.SampleIPv4Response;

        Assert.True(StunMessage.TryParse(vector, out var message));

        Assert.Equal(StunMessageType.BindingSuccessResponse, message.Type);
        Assert.True(message.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), 32853), mapped);
        Assert.True(message.HasValidMessageIntegrity(Key));
        Assert.True(message.HasValidFingerprint());
    }

    [Theory]
    [InlineData(false, "192.0.2.1")]
    [InlineData(true, "2001:db8:1234:5678:11:2233:4455:6677")]
    public void Writer_SameAttributesAsRfc5769Response_ProducesTheVectorByteForByte(bool ipv6, string address)
    {
        var expected = ipv6 ? Rfc5769Vectors.SampleIPv6Response : Rfc5769Vectors.SampleIPv4Response;
        var buffer = new byte[256];

        var writer = new StunMessageWriter(buffer, StunMessageType.BindingSuccessResponse, Rfc5769Vectors.TransactionId);
        writer.AddAttribute(StunAttributeType.Software, "test vector"u8);
        // RFC 5769 pads SOFTWARE with a space where the writer pads with zero; the padding is hashed, so use the RFC's.
        buffer[StunMessage.HeaderLength + 4 + 11] = 0x20;
        writer.AddXorMappedAddress(new IPEndPoint(IPAddress.Parse(address), 32853));
        writer.AddMessageIntegrity(Key);
        writer.AddFingerprint();

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, writer.Length));
    }

    [Fact]
    public void HasValidMessageIntegrity_WrongPassword_IsFalse()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.SampleRequest, out var message));

        Assert.False(message.HasValidMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBu"u8));
    }

    [Fact]
    public void HasValidFingerprint_OneBitFlippedInBody_IsFalse()
    {
        var tampered = (byte[])Rfc5769Vectors.SampleRequest.Clone();
        tampered[30] ^= 0x01;

        Assert.True(StunMessage.TryParse(tampered, out var message));
        Assert.False(message.HasValidFingerprint());
        Assert.False(message.HasValidMessageIntegrity(Key));
    }

    [Fact]
    public void Writer_IntegrityAndFingerprint_VerifyOnParse()
    {
        var buffer = new byte[128];
        var transaction = new byte[12];
        Random.Shared.NextBytes(transaction);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, transaction);
        writer.AddAttribute(StunAttributeType.Username, "abcd:efgh"u8);
        writer.AddMessageIntegrity(Key);
        writer.AddFingerprint();

        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, writer.Length), out var message));
        Assert.True(message.HasValidMessageIntegrity(Key));
        Assert.True(message.HasValidFingerprint());
    }
}
