using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;
using PhonePlatform.Media.Audio;
using PhonePlatform.Media.Codecs;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Relay;
using PhonePlatform.Media.Rtp;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Transport;
using PhonePlatform.Media.WebRtc;

namespace PhonePlatform.Media.IntegrationTests.Browser;

/// <summary>Headless Chromium 156 against a <see cref="WebRtcLeg"/> over loopback.</summary>
public sealed class ChromiumWebRtcTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly MediaPortAllocator Ports = new(44_000, 44_999);
    private static readonly DtlsCertificate Certificate = DtlsCertificate.Create();

    // The shared ports live as long as the test process, as they do in the gateway.
    private static readonly Lazy<MultiplexedMediaPorts> SharedPorts = new(() => MultiplexedMediaPorts.Open(IPAddress.Loopback, Ports));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chromium_OfferAnsweredByLeg_IceAndDtlsConnect(bool multiplexed)
    {
        await using var leg = WebRtcLeg.Open(Options(multiplexed));
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chromium_HangsUp_LegEndsOnCloseNotify(bool multiplexed)
    {
        await using var leg = WebRtcLeg.Open(Options(multiplexed));
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chromium_AudioBothWays_EngineHearsBrowserToneAndBrowserReceivesEngineTone(bool multiplexed)
    {
        const double engineToneHz = 400;
        await using var leg = WebRtcLeg.Open(Options(multiplexed));
        var received = new List<short>();
        var payloadTypes = new HashSet<int>();
        leg.RtpReceived += packet =>
        {
            Assert.True(RtpHeader.TryParse(packet, out var header));
            lock (received)
            {
                payloadTypes.Add(header.PayloadType);
                if (header.PayloadType == 0)
                {
                    foreach (var code in packet.Slice(header.PayloadOffset, header.PayloadLength))
                    {
                        received.Add(G711.DecodeMuLaw(code));
                    }
                }
            }
        };
        var page = await OpenPageAsync();
        Assert.True(leg.TryAcceptOffer(await page.EvaluateAsync<string>("makeOffer()"), out var answer, out var error), error);
        await page.EvaluateAsync("sdp => applyAnswer(sdp)", answer);
        await leg.Connected.WaitAsync(TimeSpan.FromSeconds(30));

        var tone = new Audio.PcmuToneSender(engineToneHz, 0x5EED1234);
        using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20)))
        {
            for (var i = 0; i < 150 && await timer.WaitForNextTickAsync(); i++)
            {
                Assert.True(leg.TrySendRtp(tone.NextPacket()));
            }
        }

        var duplicate = tone.NextPacket();
        Assert.True(leg.TrySendRtp(duplicate));
        Assert.False(leg.TrySendRtp(duplicate));
        Assert.Equal(1, leg.Counters.RtpSendRefused);

        var inbound = await page.EvaluateAsync<JsonElement>("inboundAudio()");
        short[] samples;
        lock (received)
        {
            samples = [.. received];
        }

        // The engine heard the browser: PCMU that decrypted, with the 1 kHz tone dominant over other frequencies.
        Assert.Contains(0, payloadTypes);
        Assert.True(samples.Length >= 8000, $"only {samples.Length} samples received");
        var window = samples.AsSpan(samples.Length - 8000, 8000);
        Assert.True(Goertzel.RelativePower(window, ChromiumFixture.BrowserToneHz, 8000) > 0.5, "1 kHz does not dominate");
        foreach (var other in new[] { 300.0, 400, 700, 1300, 2000, 3000 })
        {
            Assert.True(Goertzel.RelativePower(window, other, 8000) < 0.05, $"{other} Hz present in what the browser sent");
        }

        // The browser heard the engine: packets decrypted and decoded as PCMU with a non-zero level.
        Assert.True(inbound.GetProperty("packetsReceived").GetInt32() > 100, inbound.ToString());
        Assert.True(inbound.GetProperty("audioLevel").GetDouble() > 0, inbound.ToString());
        Assert.Equal("audio/PCMU", inbound.GetProperty("codec").GetString());
        Assert.Equal(0, leg.Counters.RtpDropped);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chromium_BridgedByRelayToPlainRtpPeer_AudioFlowsBothWays(bool multiplexed)
    {
        await using var leg = WebRtcLeg.Open(Options(multiplexed));
        using var trunkSide = MediaSocket.Open(IPAddress.Loopback, Ports);
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var peerEndPoint = (IPEndPoint)peer.LocalEndPoint!;
        // The gateway's composition in miniature: browser SRTP (decrypted by the leg) -> relay -> plain RTP peer, and back.
        var toTrunk = new RtpRelayPath(new RtpRelayPathOptions { PayloadTypeMap = new Dictionary<byte, byte> { [126] = 101 }, TelephoneEventPayloadType = 126 });
        var toBrowser = new RtpRelayPath(new RtpRelayPathOptions { PayloadTypeMap = new Dictionary<byte, byte> { [101] = 126 }, TelephoneEventPayloadType = 101 });
        var forward = new byte[2048];
        leg.RtpReceived += packet =>
        {
            packet.CopyTo(forward);
            var length = toTrunk.Process(forward, packet.Length);
            if (length > 0)
            {
                trunkSide.Socket.SendTo(forward.AsSpan(0, length), SocketFlags.None, peerEndPoint);
            }
        };
        using var stop = new CancellationTokenSource();
        var trunkLoop = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            try
            {
                while (true)
                {
                    var length = await trunkSide.Socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    var relayed = toBrowser.Process(buffer, length);
                    if (relayed > 0)
                    {
                        leg.TrySendRtp(buffer.AsSpan(0, relayed));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Test over.
            }
        });
        var heardByPeer = new List<short>();
        var peerLoop = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            try
            {
                while (true)
                {
                    var length = await peer.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    if (RtpHeader.TryParse(buffer.AsSpan(0, length), out var header) && header.PayloadType == 0)
                    {
                        lock (heardByPeer)
                        {
                            foreach (var code in buffer.AsSpan(header.PayloadOffset, header.PayloadLength))
                            {
                                heardByPeer.Add(G711.DecodeMuLaw(code));
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Test over.
            }
        });

        var page = await OpenPageAsync();
        Assert.True(leg.TryAcceptOffer(await page.EvaluateAsync<string>("makeOffer()"), out var answer, out var error), error);
        await page.EvaluateAsync("sdp => applyAnswer(sdp)", answer);
        await leg.Connected.WaitAsync(TimeSpan.FromSeconds(30));
        var tone = new Audio.PcmuToneSender(400, 0x7A11C0DE);
        using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20)))
        {
            for (var i = 0; i < 150 && await timer.WaitForNextTickAsync(); i++)
            {
                peer.SendTo(tone.NextPacket(), trunkSide.LocalEndPoint);
            }
        }

        var inbound = await page.EvaluateAsync<JsonElement>("inboundAudio()");
        await stop.CancelAsync();
        await Task.WhenAll(trunkLoop, peerLoop);
        short[] samples;
        lock (heardByPeer)
        {
            samples = [.. heardByPeer];
        }

        Assert.True(samples.Length >= 8000, $"the RTP peer got only {samples.Length} samples");
        Assert.True(Goertzel.RelativePower(samples.AsSpan(samples.Length - 8000), ChromiumFixture.BrowserToneHz, 8000) > 0.5, "the peer does not hear 1 kHz");
        Assert.True(inbound.GetProperty("packetsReceived").GetInt32() > 100, inbound.ToString());
        Assert.True(inbound.GetProperty("audioLevel").GetDouble() > 0, inbound.ToString());
        Assert.True(toTrunk.Forwarded > 0 && toBrowser.Forwarded > 100);
        await page.CloseAsync();
    }

    private static WebRtcLegOptions Options(bool multiplexed) => new()
    {
        Address = IPAddress.Loopback, Ports = Ports, Certificate = Certificate, Multiplexed = multiplexed ? SharedPorts.Value : null,
    };

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
