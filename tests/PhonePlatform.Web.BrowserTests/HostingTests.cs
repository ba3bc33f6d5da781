using PhonePlatform.Web.BrowserTests.Infrastructure;

namespace PhonePlatform.Web.BrowserTests;

/// <summary>How the host serves the web app: SPA fallback, strict headers, nothing served for API paths.</summary>
public sealed class HostingTests(WebHost host) : IClassFixture<WebHost>
{
    [Theory]
    [InlineData("/app/")]
    [InlineData("/app/members")]
    [InlineData("/app/audit")]
    public async Task AppRoute_AnyClientPath_ServesIndexWithStrictHeaders(string path)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task MissingAsset_UnderApp_IsNotFoundNotIndex()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await client.GetAsync(new Uri("/app/assets/missing.js", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Root_RedirectsToApp()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/app/", response.Headers.Location?.OriginalString);
    }
}
