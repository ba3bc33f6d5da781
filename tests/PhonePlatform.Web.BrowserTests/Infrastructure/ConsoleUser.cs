using Microsoft.Playwright;
using OtpNet;

namespace PhonePlatform.Web.BrowserTests.Infrastructure;

/// <summary>
/// One person at a browser: a fresh context and page on the host, with every console error and page error recorded
/// (tests assert there are none), and the steps a person takes in the web app.
/// </summary>
public sealed class ConsoleUser : IAsyncDisposable
{
    public const string Password = "correct horse battery staple 42";
    private readonly WebHost host;
    private readonly IBrowserContext context;

    private ConsoleUser(WebHost host, IBrowserContext context, IPage page)
    {
        this.host = host;
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add($"{page.Url}: {error}");
    }

    public IPage Page { get; }

    public List<string> ConsoleErrors { get; } = [];

    public string? TotpSecret { get; private set; }

    public static async Task<ConsoleUser> OpenAsync(WebHost host, int width = 1280, int height = 800, IBrowser? browser = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var context = await (browser ?? host.Browser).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        return new ConsoleUser(host, context, page);
    }

    public async Task SignUpAsync(string email, string workspace)
    {
        await Page.GotoAsync("/app/");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create a workspace" }).ClickAsync();
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByLabel("Workspace name").FillAsync(workspace);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create workspace" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Phone" })).ToBeVisibleAsync();
    }

    public async Task SignInAsync(string email, string password = Password)
    {
        await Page.GotoAsync("/app/");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        if (TotpSecret is not null)
        {
            await Page.GetByLabel("Authenticator code").FillAsync(NextCode());
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "PhonePlatform" })).ToBeVisibleAsync();
    }

    public async Task EnableTwoFactorAsync()
    {
        await GoToAsync("Security");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        TotpSecret = await Page.GetByTestId("totp-secret").TextContentAsync() ?? throw new InvalidOperationException("No secret shown.");
        await Page.GetByLabel("Code from the app").FillAsync(NextCode());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(Page.GetByText("Two-factor authentication is on.")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    /// <summary>Answers the step-up dialog with the password and a code from the next TOTP step.</summary>
    public async Task StepUpAsync()
    {
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Password").FillAsync(Password);
        await dialog.GetByLabel("Authenticator code").FillAsync(NextCode());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    public async Task GoToAsync(string screen)
    {
        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = screen, Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    public async Task AddNumberAsync(string e164, string label)
    {
        await GoToAsync("Numbers");
        await Page.GetByLabel("Number (E.164)").FillAsync(e164);
        await Page.GetByLabel("Label").FillAsync(label);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add number" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = e164 })).ToBeVisibleAsync();
    }

    /// <summary>A same-origin API call from the page, with the page's session cookie; returns the HTTP status.</summary>
    public async Task<int> FetchAsync(string method, string path, object? body = null) =>
        await Page.EvaluateAsync<int>(
            "async ([method, path, body]) => (await fetch(path, { method, headers: { 'Content-Type': 'application/json' }, body: body === null ? undefined : JSON.stringify(body) })).status",
            new object?[] { method, path, body });

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebHost.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>The server accepts each TOTP step once, so every code comes from the next 30-second step.</summary>
    private string NextCode()
    {
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var secret = Base32Encoding.ToBytes(TotpSecret ?? throw new InvalidOperationException("Two-factor is not enabled."));
        return new Totp(secret).ComputeTotp(host.Time.GetUtcNow().UtcDateTime);
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
