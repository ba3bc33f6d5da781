using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PhonePlatform.Web.BrowserTests.Infrastructure;

namespace PhonePlatform.Web.BrowserTests;

/// <summary>The admin screens beyond members and keys: webhooks, a number's call settings, workspace data.</summary>
public sealed class AdminScreensTests(WebHost host) : IClassFixture<WebHost>
{
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task Webhook_Created_SecretShownOnce_TestDeliveryInLogWithRetry()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        await owner.SignUpAsync(NewEmail("owner"), "Hooks Co");
        await owner.GoToAsync("Webhooks");
        await owner.Page.GetByLabel("Endpoint URL (HTTPS)").FillAsync("https://hooks.example.com/phone");
        await owner.Page.GetByLabel("call.missed").CheckAsync();
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByTestId("webhook-secret")).ToHaveTextAsync(new Regex("^whsec_"));
        var card = owner.Page.Locator("section[data-webhook='https://hooks.example.com/phone']");
        await Assertions.Expect(card).ToContainTextAsync("call.missed");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByTestId("webhook-secret")).ToHaveCountAsync(0);

        await card.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        // The test event is fanned out in the background: reopen the log until its delivery is listed.
        var delivery = card.Locator("tr[data-delivery]");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await delivery.CountAsync() == 0 && DateTime.UtcNow < until)
        {
            await card.GetByRole(AriaRole.Button, new() { Name = "Delivery log" }).ClickAsync();
            await owner.Page.WaitForTimeoutAsync(500);
        }

        await Assertions.Expect(delivery.First).ToContainTextAsync("webhook.test");
        await delivery.First.GetByRole(AriaRole.Button, new() { Name = "Attempts" }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Status)).Not.ToBeEmptyAsync();
        await owner.ScreenshotAsync("webhooks");

        // Reloading shows the webhook but never the secret again.
        await owner.Page.ReloadAsync();
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(owner.Page.GetByText("whsec_")).ToHaveCountAsync(0);
        Assert.Empty(owner.ConsoleErrors);
    }

    [Fact]
    public async Task NumberCallSettings_RingTimeoutHoursAndGreeting_AreSaved()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        await owner.SignUpAsync(NewEmail("owner"), "Settings Co");
        await owner.AddNumberAsync("+14155550199", "Main");
        await owner.Page.GetByText("Call settings of +14155550199").ClickAsync();
        await owner.Page.GetByLabel("Ring timeout of +14155550199 (seconds)").FillAsync("20");
        await owner.Page.GetByLabel("Recording of +14155550199").SelectOptionAsync("always");
        await owner.Page.GetByLabel("Business hours, Monday to Friday").CheckAsync();
        await owner.Page.GetByLabel("Time zone").FillAsync("Europe/London");
        await owner.Page.GetByLabel("Voicemail greeting of +14155550199 (WAV)").SetInputFilesAsync(new FilePayload
        {
            Name = "greeting.wav",
            MimeType = "audio/wav",
            Buffer = Silence(TimeSpan.FromSeconds(1)),
        });
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Save call settings" }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByTestId("greeting-state")).ToHaveTextAsync("A custom greeting is set.");
        await Assertions.Expect(owner.Page.GetByText(new Regex("^Saved\\."))).ToBeVisibleAsync();
        await owner.ScreenshotAsync("number-call-settings");

        await owner.Page.ReloadAsync();
        await owner.Page.GetByText("Call settings of +14155550199").ClickAsync();
        await Assertions.Expect(owner.Page.GetByLabel("Ring timeout of +14155550199 (seconds)")).ToHaveValueAsync("20");
        await Assertions.Expect(owner.Page.GetByLabel("Recording of +14155550199")).ToHaveValueAsync("always");
        await Assertions.Expect(owner.Page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/London");
        Assert.Empty(owner.ConsoleErrors);
    }

    [Fact]
    public async Task Workspace_RetentionSaved_BillingShown()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        await owner.SignUpAsync(NewEmail("owner"), "Data Co");
        await owner.GoToAsync("Workspace");
        await owner.Page.GetByLabel("Voicemail (days)").FillAsync("30");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Save retention" }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Retention saved.");
        await Assertions.Expect(owner.Page.GetByTestId("billing-plan")).ToContainTextAsync("Plan:");
        await owner.ScreenshotAsync("workspace");

        await owner.Page.ReloadAsync();
        await Assertions.Expect(owner.Page.GetByLabel("Voicemail (days)")).ToHaveValueAsync("30");
        Assert.Empty(owner.ConsoleErrors);
    }

    [Fact]
    public async Task Trunk_ValidatedCreatedHealthShownEditedDeleted()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        await owner.SignUpAsync(NewEmail("owner"), "Trunks Co");
        await owner.GoToAsync("Trunks");
        var form = owner.Page.GetByRole(AriaRole.Form, new() { Name = "Add a trunk" });

        // The server's validation problems land next to their fields.
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Loopback");
        await form.GetByLabel("SIP server (host or IP address)").FillAsync("sip://carrier.example");
        await form.GetByLabel("Priority (0–1000, lower first)").FillAsync("2000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add trunk" }).ClickAsync();
        await Assertions.Expect(owner.Page.Locator("#trunk-host-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(owner.Page.Locator("#trunk-priority-error")).ToContainTextAsync("0 to 1000");
        await Assertions.Expect(form.GetByLabel("SIP server (host or IP address)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(owner.Page.Locator("#trunk-name-error")).ToBeEmptyAsync();
        owner.ConsoleErrors.RemoveAll(e => e.Contains("status of 400", StringComparison.Ordinal)); // the refused request itself

        // The gateway's own trunk port answers OPTIONS: a carrier that is up.
        await form.GetByLabel("SIP server (host or IP address)").FillAsync("127.0.0.1");
        await form.GetByLabel("Port", new() { Exact = true }).FillAsync(host.GatewayTrunkPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Priority (0–1000, lower first)").FillAsync("5");
        await form.GetByLabel("Carrier addresses allowed to call in (CIDR)").FillAsync("127.0.0.2/32");
        await form.GetByLabel("Destination prefixes").FillAsync("+1555");
        await form.GetByLabel("Digest user name (optional)").FillAsync("acme");
        await form.GetByLabel("Digest password (optional)").FillAsync("s3cret-pass");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add trunk" }).ClickAsync();
        var card = owner.Page.Locator("section[data-trunk='Loopback']");
        await Assertions.Expect(card).ToContainTextAsync("priority 5");
        await Assertions.Expect(card).ToContainTextAsync("digest credentials set");
        Assert.DoesNotContain("s3cret-pass", await owner.Page.ContentAsync(), StringComparison.Ordinal);

        // Live health: the gateway's OPTIONS check reports it up (refreshed until it has run).
        var health = card.GetByTestId("trunk-health");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await health.GetAttributeAsync("data-reachability") != "up" && DateTime.UtcNow < until)
        {
            await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh health" }).ClickAsync();
            await Assertions.Expect(owner.Page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Health refreshed.");
            await owner.Page.WaitForTimeoutAsync(1000);
        }

        await Assertions.Expect(health).ToHaveAttributeAsync("data-reachability", "up");
        await Assertions.Expect(health).ToContainTextAsync("OPTIONS 200");
        await Assertions.Expect(health).ToContainTextAsync("Healthy");
        await owner.ScreenshotAsync("trunks");

        // Edit by keyboard: the form takes the trunk, focus on its name.
        await card.GetByRole(AriaRole.Button, new() { Name = "Edit Loopback" }).FocusAsync();
        await owner.Page.Keyboard.PressAsync("Enter");
        var edit = owner.Page.GetByRole(AriaRole.Form, new() { Name = "Edit Loopback" });
        await Assertions.Expect(edit.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await Assertions.Expect(edit.GetByLabel("Destination prefixes")).ToHaveValueAsync("+1555");
        await edit.GetByLabel("Priority (0–1000, lower first)").FillAsync("7");
        await owner.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(card).ToContainTextAsync("priority 7");
        await Assertions.Expect(card).ToContainTextAsync("digest credentials set");

        owner.Page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Delete Loopback" }).ClickAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);
        await Assertions.Expect(owner.Page.GetByText("No trunks yet")).ToBeVisibleAsync();
        Assert.Empty(owner.ConsoleErrors);
    }

    [Fact]
    public async Task WorkspaceExport_WithStepUp_ShowsProgressThenDownloadsZip()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        await owner.SignUpAsync(NewEmail("owner"), "Export Co");
        await owner.EnableTwoFactorAsync();
        await owner.GoToAsync("Data export");
        var section = owner.Page.GetByTestId("workspace-exports");
        await section.GetByRole(AriaRole.Button, new() { Name = "Export workspace data" }).ClickAsync();
        await owner.StepUpAsync();
        await Assertions.Expect(section.GetByRole(AriaRole.Status)).ToHaveTextAsync("Export started.");

        // The screen follows the background job until it is ready.
        var row = section.Locator("tr[data-export]").First;
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 90_000 });
        await row.GetByRole(AriaRole.Button, new() { Name = "Get download link" }).ClickAsync();
        var link = section.GetByTestId("workspace-export-download");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await owner.ScreenshotAsync("data-export");

        var download = await owner.Page.RunAndWaitForDownloadAsync(() => link.ClickAsync(), new() { Timeout = 60_000 });
        var path = await download.PathAsync();
        using (var zip = System.IO.Compression.ZipFile.OpenRead(path))
        {
            Assert.Contains(zip.Entries, e => e.FullName.EndsWith("workspace.json", StringComparison.Ordinal));
            Assert.Contains(zip.Entries, e => e.FullName.EndsWith("members.json", StringComparison.Ordinal));
        }

        Assert.Empty(owner.ConsoleErrors);
    }

    /// <summary>A mono 8 kHz 16-bit PCM WAV of silence (RIFF header, RFC 2361 WAVE_FORMAT_PCM).</summary>
    private static byte[] Silence(TimeSpan length)
    {
        const int rate = 8000;
        var dataBytes = (int)(rate * length.TotalSeconds) * 2;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        writer.Write(new byte[dataBytes]);
        writer.Flush();
        return stream.ToArray();
    }
}
