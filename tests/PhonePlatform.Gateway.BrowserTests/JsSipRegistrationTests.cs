using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Sip;
using PhonePlatform.Gateway.BrowserTests.Infrastructure;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Gateway.BrowserTests;

/// <summary>
/// JsSIP in headless Chromium registers over wss://127.0.0.1/sip with credentials the API issued to a logged-in user.
/// </summary>
public sealed class JsSipRegistrationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Register_WithApiIssuedCredentials_RegistersOverWssWithBindingOnItsFlow()
    {
        var credentials = await fixture.Host.IssueSipCredentialsAsync();
        var page = await fixture.OpenSoftphoneAsync();

        var state = await RegisterAsync(page, credentials, credentials.Password);

        Assert.True(state.Registered, "JsSIP did not register: " + string.Join(", ", state.Events));
        // The 200 OK echoes JsSIP's Contact with its expires (without it JsSIP ignores the response).
        Assert.Contains(".invalid", state.Contact, StringComparison.Ordinal);
        Assert.Contains("expires=", state.Contact, StringComparison.Ordinal);
        var edge = fixture.Host.App.Services.GetRequiredService<BrowserSipEdge>();
        var binding = Assert.Single(await edge.Locations.GetBindingsAsync(credentials.Uri, CancellationToken.None));
        Assert.Equal(SipTransportKind.SecureWebSocket, binding.Flow.Transport);
        Assert.True(IPAddress.IsLoopback(binding.Flow.Address.Address));
        Assert.NotEqual(0, binding.Flow.ConnectionId);
        // Stored in PostgreSQL (PostgresLocationService) with the node that holds the WebSocket.
        Assert.Equal(Environment.MachineName, binding.NodeId);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Register_WithWrongPassword_FailsAndStoresNoBinding()
    {
        var credentials = await fixture.Host.IssueSipCredentialsAsync();
        var page = await fixture.OpenSoftphoneAsync();

        var state = await RegisterAsync(page, credentials, credentials.Password + "x");

        Assert.False(state.Registered);
        Assert.NotNull(state.Failed);
        var edge = fixture.Host.App.Services.GetRequiredService<BrowserSipEdge>();
        Assert.Empty(await edge.Locations.GetBindingsAsync(credentials.Uri, CancellationToken.None));
        await page.CloseAsync();
    }

    [Fact]
    public async Task IssueCredentials_WithoutSession_Returns401()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.PostAsync("/v1/sip/credentials", content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task IssueCredentials_ForLoggedInUser_ReturnsMd5Ha1AndWssUrl()
    {
        var credentials = await fixture.Host.IssueSipCredentialsAsync();

        Assert.True(SipUsernames.TryParse(credentials.Username, out _, out _));
        Assert.Equal(PhonePlatform.Sip.Auth.SipDigest.Ha1(PhonePlatform.Sip.Auth.SipDigestAlgorithm.Md5, credentials.Username, credentials.Realm, credentials.Password), credentials.Ha1);
        Assert.StartsWith("wss://127.0.0.1:", credentials.WebSocketUrl, StringComparison.Ordinal);
        Assert.EndsWith("/sip", credentials.WebSocketUrl, StringComparison.Ordinal);
        Assert.True(credentials.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(59));
    }

    private static async Task<SoftphoneState> RegisterAsync(IPage page, SipCredentialsResponse credentials, string password)
    {
        await page.EvaluateAsync(
            "c => window.softphone.register(c)",
            new Dictionary<string, string>
            {
                ["webSocketUrl"] = credentials.WebSocketUrl,
                ["uri"] = credentials.Uri,
                ["username"] = credentials.Username,
                ["password"] = password,
                ["realm"] = credentials.Realm,
            });
        await page.WaitForFunctionAsync(
            "() => window.softphone.state.registered || window.softphone.state.failed !== null",
            null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(window.softphone.state)");
        return JsonSerializer.Deserialize<SoftphoneState>(json, Json)!;
    }

    private sealed record SoftphoneState(bool Registered, string? Failed, string[] Events, string? Contact, string? Expires);
}
