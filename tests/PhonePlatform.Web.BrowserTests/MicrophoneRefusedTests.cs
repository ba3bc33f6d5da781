using Microsoft.Playwright;
using PhonePlatform.Web.BrowserTests.Infrastructure;

namespace PhonePlatform.Web.BrowserTests;

/// <summary>
/// The softphone when the person (or the browser's policy) refuses the microphone: a Chromium launched without
/// --use-fake-ui-for-media-stream (which would grant it) and with --deny-permission-prompts, so getUserMedia really
/// fails with NotAllowedError.
/// </summary>
public sealed class MicrophoneRefusedTests(WebHost host) : IClassFixture<WebHost>
{
    [Fact]
    public async Task Dial_MicrophoneRefused_ShowsHowToAllowItAndPlacesNoCall()
    {
        var refusing = await host.LaunchChromiumAsync("--deny-permission-prompts", "--use-fake-device-for-media-stream");
        try
        {
            await using var user = await ConsoleUser.OpenAsync(host, browser: refusing);
            await user.SignUpAsync($"caller-{Guid.NewGuid():N}@example.test", "No Mic Co");
            await user.AddNumberAsync("+14155550177", "Main line");
            await user.GoToAsync("Phone");
            await Assertions.Expect(user.Page.GetByTestId("registration")).ToHaveAttributeAsync("data-state", "registered", new() { Timeout = 60_000 });

            await user.Page.GetByLabel("Number to call").FillAsync("+442071838750");
            await user.Page.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true }).ClickAsync();
            await Assertions.Expect(user.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Microphone access is blocked" }))
                .ToContainTextAsync("Allow the microphone for this site", new() { Timeout = 30_000 });
            await Assertions.Expect(user.Page.GetByTestId("call-panel")).ToBeHiddenAsync();
            await Assertions.Expect(user.Page.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true })).ToBeEnabledAsync();
            await user.ScreenshotAsync("phone-microphone-refused");
            Assert.Empty(user.ConsoleErrors);
        }
        finally
        {
            await refusing.CloseAsync();
        }
    }
}
