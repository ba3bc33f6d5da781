using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>
/// Inbound calls follow the number's call settings: the menu routes a digit (RFC 4733 or SIP INFO) to its ring group,
/// and outside business hours nobody rings. sipp plays the carrier and the members' devices.
/// </summary>
public sealed class NumberCallSettingsTests
{
    private const string Number = "+15557654321";
    private const string Sales = "sip:sales@ws.example";
    private const string Support = "sip:support@ws.example";
    private static readonly Guid SalesMember = Guid.NewGuid();
    private static readonly Guid SupportMember = Guid.NewGuid();

    [Theory]
    [InlineData("carrier_presses_1_rfc4733.xml", Sales)] // RFC 4733 telephone-event
    [InlineData("carrier_presses_2_info.xml", Support)] // SIP INFO application/dtmf-relay
    public async Task Menu_CallerPressesDigit_ItsRingGroupAnswersAndCallerHangupEndsBothLegs(string scenario, string group)
    {
        await using var gateway = await StartWithMenuAsync();
        var groupPort = Sipp.FreeUdpPort();
        foreach (var member in new[] { Sales, Support })
        {
            // Nobody listens on the other group's port: ringing it would never connect.
            await gateway.RegisterDeviceAsync(member, member == group ? groupPort : Sipp.FreeUdpPort());
        }

        var groupDevice = await Sipp.ServeAsync(groupPort, "-sf", Sipp.Scenario("device_answers.xml"));

        var carrier = await Sipp.RunAsync(scenario, gateway.SipEndPoint, "-s", Number);

        Assert.True(carrier.ExitCode == 0, carrier.Output);
        var device = await groupDevice;
        Assert.True(device.ExitCode == 0, device.Output);
        var ended = await gateway.WaitForEndAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(CallEndReason.CallerHungUp, ended?.Reason);
        Assert.Equal(group, ended?.Call.MemberAddressOfRecord);
        Assert.Equal(0, gateway.B2bua.ActiveCallCount);
    }

    [Fact]
    public async Task Menu_RingGroupWithNoRegisteredDevice_CallerReachesVoicemail()
    {
        await using var gateway = await StartWithMenuAsync();

        var carrier = await Sipp.RunAsync("carrier_presses_2_info.xml", gateway.SipEndPoint, "-s", Number);

        Assert.True(carrier.ExitCode == 0, carrier.Output);
        await gateway.B2bua.DrainAsync();
        Assert.Equal(CallEndReason.Voicemail, (await gateway.WaitForEndAsync(TimeSpan.FromSeconds(10)))?.Reason);
        Assert.Empty(gateway.Ringing);
    }

    [Fact]
    public async Task OutsideBusinessHours_RegisteredDeviceDoesNotRingAndCallerReachesVoicemail()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        var workspace = Guid.NewGuid();
        gateway.Numbers.Set(new NumberRoute(workspace, Number, [Sales]));
        await gateway.RegisterDeviceAsync(Sales, Sipp.FreeUdpPort());
        gateway.Policy = NumberCallPolicy.Default with { WithinBusinessHours = false };

        var (exitCode, output) = await Sipp.RunAsync("trunk_to_voicemail.xml", gateway.SipEndPoint, "-s", Number);

        Assert.True(exitCode == 0, output);
        await gateway.B2bua.DrainAsync();
        Assert.Equal(workspace, Assert.Single(gateway.Voicemails).WorkspaceId);
        Assert.Empty(gateway.Ringing);
        Assert.Equal(CallEndReason.Voicemail, (await gateway.WaitForEndAsync(TimeSpan.FromSeconds(10)))?.Reason);
    }

    private static async Task<GatewayHarness> StartWithMenuAsync()
    {
        var gateway = await GatewayHarness.StartAsync();
        gateway.Numbers.Set(new NumberRoute(
            Guid.NewGuid(),
            Number,
            [Sales, Support],
            MemberAddressesByMembership: new Dictionary<Guid, string> { [SalesMember] = Sales, [SupportMember] = Support }));
        gateway.Policy = NumberCallPolicy.Default with
        {
            Menu = [new MenuChoice('1', [SalesMember], null), new MenuChoice('2', [SupportMember], null)],
        };
        return gateway;
    }
}
