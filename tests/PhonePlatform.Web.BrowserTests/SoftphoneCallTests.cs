using System.Globalization;
using Microsoft.Playwright;
using PhonePlatform.Gateway.IntegrationTests;
using PhonePlatform.Web.BrowserTests.Infrastructure;

namespace PhonePlatform.Web.BrowserTests;

[CollectionDefinition(CallingWebHost.Collection, DisableParallelization = true)]
public sealed class CallingWebHostCollection : ICollectionFixture<CallingWebHost>;

/// <summary>
/// The web softphone (JsSIP bundled by Vite) against the real host and gateway: sipp plays the carrier and echoes the
/// RTP it gets, so audio the browser receives has crossed the gateway both ways. Each test signs up its own workspace.
/// </summary>
[Collection(CallingWebHost.Collection)]
public sealed class SoftphoneCallTests(CallingWebHost host)
{
    private const string Pstn = "+442071838750";

    [Fact]
    public async Task PlaceCall_ToCarrier_AudioFlowsBothWaysWithDtmfMuteHoldAndHangUp()
    {
        await using var user = await ConsoleUser.OpenAsync(host);
        var number = CallingWebHost.NewNumber();
        await user.SignUpAsync($"caller-{Guid.NewGuid():N}@example.test", "Calling Co");
        await user.AddNumberAsync(number, "Main line");
        await user.GoToAsync("Phone");
        await Assertions.Expect(user.Page.GetByTestId("registration")).ToHaveAttributeAsync("data-state", "registered", new() { Timeout = 20_000 });
        var carrier = await Sipp.ServeAsync(host.CarrierPort, "-sf", Sipp.Scenario("carrier_early_media.xml"), "-rtp_echo");
        await WaitForCarrierAsync();

        await user.Page.GetByLabel("Call from").SelectOptionAsync(number);
        await user.Page.GetByRole(AriaRole.Group, new() { Name = "Dial pad" }).GetByRole(AriaRole.Button, new() { Name = "4", Exact = true }).ClickAsync();
        await user.Page.GetByLabel("Number to call").FillAsync(Pstn);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true }).ClickAsync();
        var panel = user.Page.GetByTestId("call-panel");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "In call" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(panel.GetByTestId("call-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0:0[1-9]"), new() { Timeout = 10_000 });

        // getStats through the panel's audio line: the browser sends its microphone and hears the carrier's echo of it.
        var audio = panel.GetByTestId("call-audio");
        await WaitForPacketsAsync(audio, "received", 50);
        Assert.True(await PacketsAsync(audio, "sent") >= 50, "the browser sent no audio");
        Assert.True(double.Parse(await audio.GetAttributeAsync("data-energy") ?? "0", CultureInfo.InvariantCulture) > 0, "the echoed audio is silent");
        await user.ScreenshotAsync("phone-in-call");

        // DTMF from the keypad reaches call control as a digit (SIP INFO, translated by the gateway).
        var digit = new TaskCompletionSource<char>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDigit(Guid call, char d) => digit.TrySetResult(d);
        host.B2bua.DtmfReceived += OnDigit;
        try
        {
            await panel.GetByRole(AriaRole.Button, new() { Name = "Keypad" }).ClickAsync();
            await panel.GetByRole(AriaRole.Group, new() { Name = "Keypad (sends tones)" }).GetByRole(AriaRole.Button, new() { Name = "7" }).ClickAsync();
            Assert.Equal('7', await digit.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        }
        finally
        {
            host.B2bua.DtmfReceived -= OnDigit;
        }

        await panel.GetByRole(AriaRole.Button, new() { Name = "Mute" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Unmute" })).ToHaveAttributeAsync("aria-pressed", "true");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Unmute" }).ClickAsync();

        await panel.GetByRole(AriaRole.Button, new() { Name = "Hold" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "On hold" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "In call" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var before = await PacketsAsync(audio, "received");
        await WaitForPacketsAsync(audio, "received", before + 25);

        await panel.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("call-ended")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var (exit, output) = await carrier;
        Assert.True(exit == 0, output);
        Assert.Empty(user.ConsoleErrors);
    }

    [Fact]
    public async Task ReceiveCall_ShowsContactNameAndAnswers_AudioFlowsUntilCarrierHangsUp()
    {
        await using var user = await ConsoleUser.OpenAsync(host);
        var number = CallingWebHost.NewNumber();
        await user.SignUpAsync($"callee-{Guid.NewGuid():N}@example.test", "Answering Co");
        await user.AddNumberAsync(number, "Front desk");
        Assert.Equal(201, await user.FetchAsync("POST", "/v1/contacts", new { name = "Ada Lovelace", phones = new[] { Pstn } }));
        await user.GoToAsync("Phone");
        await Assertions.Expect(user.Page.GetByTestId("registration")).ToHaveAttributeAsync("data-state", "registered", new() { Timeout = 20_000 });

        var carrier = Sipp.RunAsync("carrier_calls_number.xml", host.GatewaySipEndPoint, "-s", number, "-rtp_echo");
        var incoming = user.Page.GetByRole(AriaRole.Alertdialog, new() { Name = "Incoming call from Ada Lovelace" });
        await Assertions.Expect(incoming).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(incoming).ToContainTextAsync(Pstn);
        await user.ScreenshotAsync("phone-incoming");
        await incoming.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();

        var panel = user.Page.GetByTestId("call-panel");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "In call" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await WaitForPacketsAsync(panel.GetByTestId("call-audio"), "received", 50);

        // The carrier hangs up 6 s after the answer.
        await Assertions.Expect(panel.GetByTestId("call-ended")).ToHaveTextAsync("The other side hung up.", new() { Timeout = 20_000 });
        var (exit, output) = await carrier;
        Assert.True(exit == 0, output);
        Assert.Empty(user.ConsoleErrors);
    }

    [Fact]
    public async Task PlaceCall_BlindTransferToColleague_ColleagueAnswersAndTransferorIsReleased()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        var number = CallingWebHost.NewNumber();
        var colleagueEmail = $"colleague-{Guid.NewGuid():N}@example.test";
        await owner.SignUpAsync($"transferor-{Guid.NewGuid():N}@example.test", "Transfer Co");
        await owner.AddNumberAsync(number, "Main line");
        await owner.GoToAsync("Members");
        await owner.Page.GetByLabel("E-mail").FillAsync(colleagueEmail);
        await owner.Page.GetByLabel("Initial password").FillAsync(ConsoleUser.Password);
        await owner.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("member");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Assertions.Expect(owner.Page.Locator($"tr[data-member='{colleagueEmail}']")).ToBeVisibleAsync();
        await owner.GoToAsync("Numbers");
        await owner.Page.GetByLabel($"Access of {colleagueEmail} to {number}").SelectOptionAsync("use");
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"use on {number}");

        await using var colleague = await ConsoleUser.OpenAsync(host);
        await colleague.SignInAsync(colleagueEmail);
        await Assertions.Expect(colleague.Page.GetByTestId("registration")).ToHaveAttributeAsync("data-state", "registered", new() { Timeout = 60_000 });
        await owner.GoToAsync("Phone");
        await Assertions.Expect(owner.Page.GetByTestId("registration")).ToHaveAttributeAsync("data-state", "registered", new() { Timeout = 60_000 });

        var carrier = await Sipp.ServeAsync(host.CarrierPort, "-sf", Sipp.Scenario("carrier_answers_waits_for_bye.xml"), "-rtp_echo");
        await WaitForCarrierAsync();
        await owner.Page.GetByLabel("Call from").SelectOptionAsync(number);
        await owner.Page.GetByLabel("Number to call").FillAsync(Pstn);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true }).ClickAsync();
        var panel = owner.Page.GetByTestId("call-panel");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "In call" })).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await panel.GetByLabel("Transfer to").FillAsync(colleagueEmail);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Transfer", Exact = true }).ClickAsync();
        var incoming = colleague.Page.GetByRole(AriaRole.Alertdialog);
        await Assertions.Expect(incoming).ToContainTextAsync(Pstn, new() { Timeout = 60_000 });
        await owner.ScreenshotAsync("phone-transfer");
        await incoming.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();

        // The colleague hears the carrier's echo of their own microphone; the transferor's leg is released.
        var colleaguePanel = colleague.Page.GetByTestId("call-panel");
        await Assertions.Expect(colleaguePanel.GetByRole(AriaRole.Heading, new() { Name = "In call" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await WaitForPacketsAsync(colleaguePanel.GetByTestId("call-audio"), "received", 50);
        await Assertions.Expect(panel.GetByTestId("call-ended")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(panel).ToContainTextAsync($"Transfer to {colleagueEmail} accepted.");

        await colleaguePanel.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
        await Assertions.Expect(colleaguePanel.GetByTestId("call-ended")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var (exit, output) = await carrier.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, output);
        Assert.Empty(owner.ConsoleErrors);
        Assert.Empty(colleague.ConsoleErrors);
    }

    /// <summary>sipp binds its UDP port shortly after start: wait until the port is taken rather than sleeping.</summary>
    private async Task WaitForCarrierAsync()
    {
        for (var i = 0; i < 200 && PortIsFree(host.CarrierPort); i++)
        {
            await Task.Delay(50);
        }
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var socket = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<long> PacketsAsync(ILocator audio, string which) =>
        long.Parse(await audio.GetAttributeAsync("data-" + which) ?? "0", CultureInfo.InvariantCulture);

    private static async Task WaitForPacketsAsync(ILocator audio, string which, long atLeast)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        long seen = 0;
        while (DateTime.UtcNow < until)
        {
            if ((seen = await PacketsAsync(audio, which)) >= atLeast)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{which}: {seen} packets, expected {atLeast}");
    }
}
