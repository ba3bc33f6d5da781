using Microsoft.Playwright;
using PhonePlatform.Gateway.IntegrationTests;
using PhonePlatform.Web.BrowserTests.Infrastructure;

namespace PhonePlatform.Web.BrowserTests;

/// <summary>
/// Messages and voicemail in the browser: an SMS the SMPP simulator delivers shows up live (server-sent events) and
/// a reply gets its delivery tick; a voicemail left through the gateway plays, streamed and decrypted by the server.
/// </summary>
[Collection(CallingWebHost.Collection)]
public sealed class InboxTests(CallingWebHost host)
{
    private const string Party = "+442071838750";

    [Fact]
    public async Task InboundSms_ArrivesLive_ReplyShowsSegmentsAndDeliveryTick()
    {
        await using var user = await ConsoleUser.OpenAsync(host);
        var number = CallingWebHost.NewNumber();
        await user.SignUpAsync($"sms-{Guid.NewGuid():N}@example.test", "Texting Co");
        await user.AddNumberAsync(number, "Texts");
        await user.GoToAsync("Messages");
        await Assertions.Expect(user.Page.GetByText("No conversations yet.")).ToBeVisibleAsync();
        await host.Smsc.WaitForAsync(s => s.BoundSessions > 0, seconds: 30);

        await host.Smsc.CommandAsync(
            $"deliver?from={Party.TrimStart('+')}&to={number.TrimStart('+')}&text={Uri.EscapeDataString("Are you open on Sunday?")}&coding=0");
        var conversation = user.Page.Locator($"button.conversation[data-participant='{Party}']");
        await Assertions.Expect(conversation).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(conversation).ToContainTextAsync("Are you open on Sunday?");
        await conversation.ClickAsync();
        var thread = user.Page.GetByTestId("thread");
        await Assertions.Expect(thread).ToContainTextAsync("Are you open on Sunday?");

        await user.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("Yes, 10 to 4.");
        await Assertions.Expect(user.Page.GetByTestId("segments")).ToContainTextAsync("1 segment");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(thread).ToContainTextAsync("Yes, 10 to 4.");
        // The simulator accepts the submit and returns a delivery receipt; the tick follows live.
        await Assertions.Expect(thread.Locator("li.outbound .tick")).ToHaveAttributeAsync("aria-label", "Delivered", new() { Timeout = 30_000 });
        await user.ScreenshotAsync("messages");
        Assert.Empty(user.ConsoleErrors);
    }

    [Fact]
    public async Task UnansweredCall_LeavesVoicemail_PlaysInBrowser()
    {
        await using var user = await ConsoleUser.OpenAsync(host);
        var number = CallingWebHost.NewNumber();
        await user.SignUpAsync($"vm-{Guid.NewGuid():N}@example.test", "Voicemail Co");
        await user.AddNumberAsync(number, "Reception");
        await user.GoToAsync("Calls");
        await Assertions.Expect(user.Page.GetByText("No voicemails.")).ToBeVisibleAsync();

        // Nobody answers within the 8 s ring timeout: the caller (sipp playing a recording) leaves a message.
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStored(PhonePlatform.Gateway.Voicemail.VoicemailMessage message)
        {
            if (message.Number == number)
            {
                stored.TrySetResult();
            }
        }

        host.B2bua.VoicemailStored += OnStored;
        try
        {
            var (exit, output) = await Sipp.RunAsync("caller_leaves_voicemail.xml", host.GatewaySipEndPoint, "-s", number);
            Assert.True(exit == 0, output);
            await stored.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            host.B2bua.VoicemailStored -= OnStored;
        }

        var voicemail = user.Page.GetByTestId("voicemail");
        await Assertions.Expect(voicemail).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(voicemail).ToContainTextAsync(Party);

        var audio = voicemail.Locator("audio");
        await audio.EvaluateAsync("a => a.play()");
        await user.Page.WaitForFunctionAsync(
            "a => a.error !== null || a.currentTime > 0.5", await audio.ElementHandleAsync(), new() { Timeout = 20_000 });
        Assert.Null(await audio.EvaluateAsync<string?>("a => a.error ? String(a.error.code) + ' ' + a.error.message : null"));
        Assert.True(await audio.EvaluateAsync<double>("a => a.duration") > 0);
        await user.ScreenshotAsync("calls");
        Assert.Empty(user.ConsoleErrors);
    }
}
