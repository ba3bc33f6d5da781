using Microsoft.Playwright;

namespace PhonePlatform.Media.IntegrationTests.Browser;

/// <summary>
/// One headless Chromium (Debian's, never a Playwright download) with a fake microphone playing a 1 kHz tone,
/// and the test page server. Shared by the browser tests of a class.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime, IDisposable
{
    /// <summary>The tone the browser's fake microphone plays.</summary>
    public const double BrowserToneHz = 1000;

    private readonly string directory = Directory.CreateTempSubdirectory("pp-media-chromium-").FullName;
    private IPlaywright? playwright;
    private TestPageServer? server;

    public IBrowser Browser { get; private set; } = null!;

    public string PageUrl => server!.Url;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("PHONEPLATFORM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        var tone = Path.Combine(directory, "tone-1khz-8k.wav");
        ToneFile.Write(tone, BrowserToneHz, 8000, TimeSpan.FromSeconds(30));
        server = new TestPageServer();
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
                "--use-file-for-fake-audio-capture=" + tone, "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    public void Dispose() => server?.Dispose();
}
