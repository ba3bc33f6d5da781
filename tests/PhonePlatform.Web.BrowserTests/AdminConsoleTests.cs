using Microsoft.Playwright;
using PhonePlatform.Web.BrowserTests.Infrastructure;

namespace PhonePlatform.Web.BrowserTests;

/// <summary>End to end in Chromium against the real host and PostgreSQL: each test signs up its own workspace.</summary>
public sealed class AdminConsoleTests(WebHost host) : IClassFixture<WebHost>
{
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task SignIn_WithTwoFactor_OpensConsole()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        var email = NewEmail("owner");
        await owner.SignUpAsync(email, "Two Factor Co");
        await owner.EnableTwoFactorAsync();
        await owner.SignOutAsync();
        await owner.ScreenshotAsync("sign-in");

        // Without the code the server refuses and the form asks for it.
        await owner.Page.GetByLabel("E-mail").FillAsync(email);
        await owner.Page.GetByLabel("Password").FillAsync(ConsoleUser.Password);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("6-digit code");
        owner.ConsoleErrors.RemoveAll(e => e.Contains("401", StringComparison.Ordinal)); // the refused attempt itself

        await owner.SignInAsync(email);
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Name = "Phone" })).ToBeVisibleAsync();
        await Assertions.Expect(owner.Page.GetByTestId("no-numbers")).ToBeVisibleAsync();
        await owner.ScreenshotAsync("phone");
        Assert.Empty(owner.ConsoleErrors);
    }

    [Fact]
    public async Task SignOut_WhileAScreenLoads_CancelsItsRequestInsteadOfLeavingA401()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        await owner.SignUpAsync(NewEmail("owner"), "Sign Out Co");
        await owner.GoToAsync("Members");

        // The Phone screen's number list is held at the network until the session has ended: the order CI once hit.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        static bool IsNumbers(string url) => new Uri(url).AbsolutePath == "/v1/numbers";
        owner.Page.RequestFailed += (_, request) => { if (IsNumbers(request.Url)) settled.TrySetResult("cancelled"); };
        owner.Page.RequestFinished += (_, request) => { if (IsNumbers(request.Url)) settled.TrySetResult("answered"); };
        await owner.Page.RouteAsync(IsNumbers, async route =>
        {
            held.TrySetResult();
            await release.Task;
            try
            {
                await route.ContinueAsync();
            }
            catch (PlaywrightException)
            {
                // The page cancelled the request meanwhile.
            }
        });

        await owner.GoToAsync("Phone");
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await owner.SignOutAsync();
        release.TrySetResult();
        Assert.Equal("cancelled", await settled.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        // A rejection would be reported after the page's next tasks: let them run, then look.
        await owner.Page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 100))");
        await Assertions.Expect(owner.Page.GetByLabel("E-mail")).ToBeVisibleAsync();
        Assert.Empty(owner.ConsoleErrors);
    }

    [Fact]
    public async Task NumberAccess_RestrictedMember_SeesOnlyGrantedNumber()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        await owner.SignUpAsync(NewEmail("owner"), "Access Co");
        var memberEmail = NewEmail("member");

        await owner.GoToAsync("Numbers");
        foreach (var (e164, label) in new[] { ("+14155550101", "Sales"), ("+14155550102", "Support") })
        {
            await owner.Page.GetByLabel("Number (E.164)").FillAsync(e164);
            await owner.Page.GetByLabel("Label").FillAsync(label);
            await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Add number" }).ClickAsync();
            await Assertions.Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Name = e164 })).ToBeVisibleAsync();
        }

        await owner.GoToAsync("Members");
        await owner.Page.GetByLabel("E-mail").FillAsync(memberEmail);
        await owner.Page.GetByLabel("Initial password").FillAsync(ConsoleUser.Password);
        await owner.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("member");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Assertions.Expect(owner.Page.Locator($"tr[data-member='{memberEmail}']")).ToBeVisibleAsync();
        await owner.ScreenshotAsync("members");

        await owner.GoToAsync("Numbers");
        await owner.Page.GetByLabel($"Access of {memberEmail} to +14155550101").SelectOptionAsync("use");
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("use on +14155550101");
        await owner.ScreenshotAsync("numbers");
        Assert.Empty(owner.ConsoleErrors);

        await using var member = await ConsoleUser.OpenAsync(host);
        await member.SignInAsync(memberEmail);
        var mine = member.Page.GetByTestId("my-numbers");
        await Assertions.Expect(mine).ToContainTextAsync("+14155550101");
        await Assertions.Expect(mine).Not.ToContainTextAsync("+14155550102");
        await Assertions.Expect(member.Page.GetByRole(AriaRole.Link, new() { Name = "Members" })).ToHaveCountAsync(0);
        await member.ScreenshotAsync("member-phone");
        Assert.Empty(member.ConsoleErrors);
    }

    [Fact]
    public async Task ApiKey_CreatedWithStepUp_IsShownOnce()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        await owner.SignUpAsync(NewEmail("owner"), "Keys Co");
        await owner.EnableTwoFactorAsync();

        await owner.GoToAsync("API keys");
        await owner.Page.GetByLabel("Name").FillAsync("CRM sync");
        await owner.Page.GetByLabel("numbers:read").CheckAsync();
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await owner.StepUpAsync();

        var shown = owner.Page.GetByTestId("new-api-key");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var token = await shown.TextContentAsync() ?? "";
        Assert.StartsWith("pp_live_", token, StringComparison.Ordinal);
        await owner.ScreenshotAsync("api-key-created");

        await owner.Page.ReloadAsync();
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Cell, new() { Name = "CRM sync" })).ToBeVisibleAsync();
        Assert.DoesNotContain(token, await owner.Page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(owner.Page.GetByTestId("new-api-key")).ToHaveCountAsync(0);
        await owner.ScreenshotAsync("api-keys");
        Assert.Empty(owner.ConsoleErrors);
    }

    [Fact]
    public async Task AuditLog_AfterActions_ShowsThemAndChainVerified()
    {
        await using var owner = await ConsoleUser.OpenAsync(host);
        await owner.SignUpAsync(NewEmail("owner"), "Audit Co");
        await owner.GoToAsync("Numbers");
        await owner.Page.GetByLabel("Number (E.164)").FillAsync("+14155550109");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Add number" }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Name = "+14155550109" })).ToBeVisibleAsync();

        await owner.GoToAsync("Audit log");
        await Assertions.Expect(owner.Page.GetByTestId("chain-status")).ToContainTextAsync("Chain verified");
        var actions = await owner.Page.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.action)");
        Assert.Contains(actions, a => a.Contains("login", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(actions, a => a.Contains("number", StringComparison.OrdinalIgnoreCase));
        await owner.ScreenshotAsync("audit-log");

        // Filtering by one action leaves only that action.
        var numberAction = actions.First(a => a.Contains("number", StringComparison.OrdinalIgnoreCase));
        await owner.Page.GetByLabel("Action").FillAsync(numberAction);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(owner.Page.Locator("tbody tr")).ToHaveCountAsync(1);
        Assert.Empty(owner.ConsoleErrors);
    }

    [Fact]
    public async Task EveryScreen_At320Pixels_HasNoHorizontalOverflow()
    {
        await using var owner = await ConsoleUser.OpenAsync(host, width: 320, height: 640);
        await owner.Page.GotoAsync("/app/");
        await AssertNoOverflowAsync(owner.Page, "sign-in");
        await owner.SignUpAsync(NewEmail("owner"), "Narrow Co");
        foreach (var screen in new[] { "Phone", "Messages", "Calls", "Members", "Numbers", "Trunks", "API keys", "Webhooks", "Workspace", "Audit log", "Data export", "Security" })
        {
            await owner.GoToAsync(screen);
            // Not NetworkIdle: the live event stream stays open once a screen listens to it.
            await Assertions.Expect(owner.Page.GetByText("Loading…")).ToHaveCountAsync(0);
            await AssertNoOverflowAsync(owner.Page, screen);
            await owner.ScreenshotAsync("320-" + screen.Replace(' ', '-').ToLowerInvariant());
        }

        Assert.Empty(owner.ConsoleErrors);
    }

    private static async Task AssertNoOverflowAsync(IPage page, string screen)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{screen} overflows 320 px by {overflow} px");
    }
}
