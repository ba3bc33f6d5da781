using Microsoft.Extensions.Configuration;
using PhonePlatform.Api.Hosting;

namespace PhonePlatform.Api.IntegrationTests.Hosting;

public class PlatformRolesTests
{
    [Fact]
    public void No_setting_runs_every_role()
    {
        var roles = PlatformRoles.FromConfiguration(new ConfigurationBuilder().Build());
        Assert.Equal(PlatformRole.All, roles.Roles);
    }

    [Theory]
    [InlineData("gateway", PlatformRole.Gateway)]
    [InlineData("api,jobs", PlatformRole.Api | PlatformRole.Jobs)]
    [InlineData(" SMS , gateway ", PlatformRole.Sms | PlatformRole.Gateway)]
    [InlineData("all", PlatformRole.All)]
    public void Names_combine(string value, PlatformRole expected) => Assert.Equal(expected, PlatformRoles.Parse(value));

    [Fact]
    public void Unknown_role_is_refused() => Assert.Throws<ArgumentException>(() => PlatformRoles.Parse("gatway"));

    [Fact]
    public void Role_arguments_leave_the_host_arguments()
    {
        var rest = PlatformRoles.ExtractRoleArguments(["--urls", "http://x", "--role", "gateway", "--role=sms"], out var roles);
        Assert.Equal(["--urls", "http://x"], rest);
        Assert.Equal("gateway,sms", roles);
        Assert.True(new PlatformRoles(PlatformRoles.Parse(roles!)).Has(PlatformRole.Gateway));
    }
}
