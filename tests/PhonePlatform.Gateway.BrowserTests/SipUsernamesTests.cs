using PhonePlatform.Api.Sip;

namespace PhonePlatform.Gateway.BrowserTests;

public sealed class SipUsernamesTests
{
    [Fact]
    public void TryParse_OwnFormat_RoundTrips()
    {
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.True(SipUsernames.TryParse(SipUsernames.For(workspace, user), out var parsedWorkspace, out var parsedUser));
        Assert.Equal((workspace, user), (parsedWorkspace, parsedUser));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("w00000000000000000000000000000000.u0000000000000000000000000000000")]
    [InlineData("x00000000000000000000000000000000.u00000000000000000000000000000000")]
    [InlineData("w00000000000000000000000000000000-u00000000000000000000000000000000")]
    [InlineData("wzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.u00000000000000000000000000000000")]
    [InlineData("w00000000000000000000000000000000.u0000000000000000000000000000000%")]
    public void TryParse_HostileOrForeignUsername_ReturnsFalse(string? username)
    {
        Assert.False(SipUsernames.TryParse(username, out _, out _));
    }
}
