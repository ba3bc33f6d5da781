using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Gateway.Tests;

public sealed class E164Tests
{
    [Theory]
    [InlineData("+15551234567", "+15551234567")]
    [InlineData("15551234567", "+15551234567")]
    [InlineData("+4930123456;npdi", "+4930123456")]
    public void TryNormalize_ValidNumber_PlusDigits(string user, string expected)
    {
        Assert.True(E164.TryNormalize(user, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("alice")]
    [InlineData("+1555abc4567")]
    [InlineData("+1234567890123456")]
    [InlineData("12")]
    [InlineData("+1555\u0661234567")]
    [InlineData(";;;")]
    public void TryNormalize_HostileOrInvalid_FalseWithoutThrowing(string? user)
    {
        Assert.False(E164.TryNormalize(user, out var number));
        Assert.Equal(string.Empty, number);
    }
}
