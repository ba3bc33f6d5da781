using Microsoft.Playwright;

namespace PhonePlatform.Gateway.BrowserTests.Infrastructure;

/// <summary>
/// The real host on Kestrel plus one headless Chromium (Debian's, never a Playwright download) with a fake microphone,
/// and the JsSIP softphone page. Shared by the tests of a class; each test opens its own page (its own softphone).
/// </summary>
public class BrowserFixture : IAsyncLifetime, IDisposable
{
    private IPlaywright? playwright;
    private SoftphonePageServer? pages;

    public KestrelHost Host { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string PageUrl => pages!.Url;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("PHONEPLATFORM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public virtual async Task InitializeAsync()
    {
        ConfigureHost(Host.Settings);
        await Host.InitializeAsync();
        pages = new SoftphonePageServer();
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                // The host's wss:// certificate is self-signed.
                "--ignore-certificate-errors",
            ],
        });
    }

    /// <summary>Adds configuration before the host starts.</summary>
    protected virtual void ConfigureHost(Dictionary<string, string?> settings)
    {
    }

    /// <summary>A fresh softphone page.</summary>
    public async Task<IPage> OpenSoftphoneAsync()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(PageUrl);
        await page.WaitForFunctionAsync("() => window.softphone !== undefined");
        return page;
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
        await Host.DisposeAsync();
    }

    public void Dispose()
    {
        pages?.Dispose();
        GC.SuppressFinalize(this);
    }
}
