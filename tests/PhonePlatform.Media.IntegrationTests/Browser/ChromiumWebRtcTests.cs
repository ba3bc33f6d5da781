using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Transport;
using PhonePlatform.Media.WebRtc;

namespace PhonePlatform.Media.IntegrationTests.Browser;

/// <summary>Headless Chromium 156 against a <see cref="WebRtcLeg"/> over loopback.</summary>
public sealed class ChromiumWebRtcTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly MediaPortAllocator Ports = new(44_000, 44_999);
    private static readonly DtlsCertificate Certificate = DtlsCertificate.Create();

    [Fact]
    public async Task Chromium_OfferAnsweredByLeg_IceAndDtlsConnect()
    {
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = Certificate });
        var page = await OpenPageAsync();

        var offer = await page.EvaluateAsync<string>("makeOffer()");
        Assert.True(leg.TryAcceptOffer(offer, out var answer, out var error), error);
        await page.EvaluateAsync("sdp => applyAnswer(sdp)", answer);
        var keys = await leg.Connected.WaitAsync(TimeSpan.FromSeconds(30));
        var state = await WaitForStateAsync(page, s => s.GetProperty("connection").GetString() == "connected");

        Assert.Contains(state.GetProperty("ice").GetString(), new[] { "connected", "completed" });
        Assert.Equal("connected", state.GetProperty("dtls").GetString());
        Assert.Contains(keys.ProtectionProfile, new[] { DtlsSrtpProtectionProfile.AeadAes128Gcm, DtlsSrtpProtectionProfile.Aes128CmHmacSha1_80 });
        Assert.Equal(SdpCodec.Pcmu.EncodingName, leg.Negotiation!.Codec.EncodingName);
        Assert.True(leg.Counters.StunAnswered > 0);
        Assert.NotNull(leg.RemoteEndPoint);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Chromium_HangsUp_LegEndsOnCloseNotify()
    {
        await using var leg = WebRtcLeg.Open(new WebRtcLegOptions { Address = IPAddress.Loopback, Ports = Ports, Certificate = Certificate });
        var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        leg.Ended += reason => ended.TrySetResult(reason);
        var page = await OpenPageAsync();
        Assert.True(leg.TryAcceptOffer(await page.EvaluateAsync<string>("makeOffer()"), out var answer, out var error), error);
        await page.EvaluateAsync("sdp => applyAnswer(sdp)", answer);
        await leg.Connected.WaitAsync(TimeSpan.FromSeconds(30));

        await page.EvaluateAsync("hangUp()");
        var reason = await ended.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("close_notify", reason, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    internal async Task<IPage> OpenPageAsync()
    {
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(chromium.PageUrl);
        return page;
    }

    internal static async Task<JsonElement> WaitForStateAsync(IPage page, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = (await page.EvaluateAsync<JsonElement?>("callState()"))!.Value;
            if (done(state) || DateTime.UtcNow > deadline)
            {
                return state;
            }

            await Task.Delay(100);
        }
    }
}
