using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Sip;
using PhonePlatform.Core.Members;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.IntegrationTests;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Gateway.BrowserTests.Infrastructure;

/// <summary>
/// The host with its gateway: one loopback carrier trunk (sipp on <see cref="CarrierPort"/>), a media port block of
/// its own, an 8 s ring timeout. Helpers create workspaces with numbers and register JsSIP pages.
/// </summary>
public class CallFixture : BrowserFixture
{
    /// <summary>Call test classes run one after the other: each call holds Chromium, sipp and the gateway busy.</summary>
    public const string Collection = "Calls";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static int nextNumber = Random.Shared.Next(0, 50);

    public CallFixture() => Host.ExtraServices = services => services.AddSingleton<ICallObserver>(Calls);

    public int CarrierPort { get; } = Sipp.FreeUdpPort();

    /// <summary>Every call event the gateway raised.</summary>
    public RecordingCallObserver Calls { get; } = new();

    public B2bua B2bua => Host.App.Services.GetRequiredService<B2bua>();

    /// <summary>Where the gateway takes SIP from trunks.</summary>
    public IPEndPoint GatewaySipEndPoint =>
        Host.App.Services.GetRequiredService<BrowserSipEdge>().Stack.Transports.First(t => t.Kind == SipTransportKind.Udp).LocalEndPoint;

    /// <summary>A fresh US number for one test (each workspace's number must route only to it).</summary>
    public static string NewNumber() =>
        "+1415555" + (100 + (Interlocked.Increment(ref nextNumber) % 100)).ToString("D4", CultureInfo.InvariantCulture);

    protected override void ConfigureHost(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var first = 20000 + (Random.Shared.Next(0, 90) * 200);
        settings["Gateway:MediaPortFirst"] = first.ToString(CultureInfo.InvariantCulture);
        settings["Gateway:MediaPortLast"] = (first + 198).ToString(CultureInfo.InvariantCulture);
        settings["Gateway:RingTimeout"] = "00:00:08";
        settings["Gateway:Trunks:0:Name"] = "loopback-carrier";
        settings["Gateway:Trunks:0:Host"] = "127.0.0.1";
        settings["Gateway:Trunks:0:Port"] = CarrierPort.ToString(CultureInfo.InvariantCulture);
        settings["Gateway:Trunks:0:AllowedSources:0"] = "127.0.0.1/32";
    }

    /// <summary>A new workspace whose owner holds <paramref name="number"/>; returns the owner's session token.</summary>
    public async Task<string> NewWorkspaceAsync(string number)
    {
        var token = await Host.SignUpAndLoginAsync();
        using var client = Host.CreateClient(token);
        (await client.PostAsJsonAsync("/v1/numbers", new AddNumberRequest(number), Json)).EnsureSuccessStatusCode();
        return token;
    }

    /// <summary>Adds a plain member (no number grants) to the owner's workspace and logs in as them.</summary>
    public async Task<string> AddMemberAsync(string ownerToken)
    {
        using var owner = Host.CreateClient(ownerToken);
        var email = $"member-{Guid.NewGuid():N}@example.test";
        (await owner.PostAsJsonAsync("/v1/members", new AddMemberRequest(email, Role.Member, InitialPassword: KestrelHost.Password), Json)).EnsureSuccessStatusCode();
        using var anonymous = Host.CreateClient();
        var login = await anonymous.PostAsJsonAsync("/v1/sessions", new LoginRequest(email, KestrelHost.Password), Json);
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<LoginResponse>(Json))!.Token;
    }

    /// <summary>Opens a softphone page and registers it with the user's API-issued SIP credentials.</summary>
    public async Task<IPage> RegisterAsync(string token, bool autoAnswer = false)
    {
        var credentials = await Host.IssueSipCredentialsAsync(token);
        var page = await OpenSoftphoneAsync();
        await page.EvaluateAsync(
            "c => window.softphone.register(c)",
            new Dictionary<string, object>
            {
                ["webSocketUrl"] = credentials.WebSocketUrl,
                ["uri"] = credentials.Uri,
                ["username"] = credentials.Username,
                ["password"] = credentials.Password,
                ["realm"] = credentials.Realm,
                ["autoAnswer"] = autoAnswer,
            });
        await page.WaitForFunctionAsync("() => window.softphone.state.registered", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        return page;
    }

    /// <summary>Waits until the B2BUA holds no call any more (both legs released).</summary>
    public async Task<bool> WaitForNoCallsAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (B2bua.ActiveCallCount > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        return B2bua.ActiveCallCount == 0;
    }
}
