using System.Diagnostics;
using System.Globalization;
using System.Net;
using PhonePlatform.Media.Dtls;
using PhonePlatform.Media.Transport;
using PhonePlatform.Media.WebRtc;

namespace PhonePlatform.MediaLoad;

/// <summary>
/// The relay process of the load test: opens bridged calls on request and reports its CPU time and counters.
/// Line protocol on stdin/stdout (stdout carries nothing else):
/// <c>call i browserUfrag browserPwd trunkPeer profile keyHex</c> → <c>leg i legPort ufrag pwd trunkPort</c>;
/// <c>stats</c> → <c>stats cpuMs legReceived legDropped sentToTrunk trunkReceived sentToBrowser relayDropped</c>;
/// <c>quit</c> ends the process.
/// </summary>
internal static class RelayHost
{
    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        // The fingerprint only has to be well formed: DTLS is replaced by keys handed over on stdin.
        var certificate = DtlsCertificate.Create();
        var ports = new MediaPortAllocator(30_000, 59_998);
        var shared = Environment.GetEnvironmentVariable("PHONEPLATFORM_MEDIALOAD_PORTS") == "shared"
            ? MultiplexedMediaPorts.Open(IPAddress.Loopback, ports)
            : null;
        var calls = new List<BridgedCall>();
        try
        {
            while (await input.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                switch (parts[0])
                {
                    case "call":
                        var call = Open(parts, certificate, ports, shared);
                        calls.Add(call);
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"leg {parts[1]} {call.Leg.LocalEndPoint.Port} {call.Leg.LocalIce.Ufrag} {call.Leg.LocalIce.Password} {call.TrunkPort}"));
                        break;
                    case "stats":
                        await output.WriteLineAsync(Stats(calls));
                        break;
                    case "quit":
                        return 0;
                    default:
                        await Console.Error.WriteLineAsync("unknown command " + line);
                        break;
                }

                await output.FlushAsync();
            }

            return 0;
        }
        finally
        {
            foreach (var call in calls)
            {
                await call.DisposeAsync();
            }

            if (shared is not null)
            {
                await shared.DisposeAsync();
            }
        }
    }

    private static BridgedCall Open(string[] parts, DtlsCertificate certificate, MediaPortAllocator ports, MultiplexedMediaPorts? shared)
    {
        var index = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var browserUfrag = parts[2];
        var browserPassword = parts[3];
        var trunkPeer = IPEndPoint.Parse(parts[4]);
        var profile = int.Parse(parts[5], CultureInfo.InvariantCulture);
        var keyingMaterial = Convert.FromHexString(parts[6]);

        var leg = WebRtcLeg.Open(new WebRtcLegOptions
        {
            Address = IPAddress.Loopback, Ports = ports, Certificate = certificate, Multiplexed = shared,
            // The generator sends one ICE check per call, not consent refreshes.
            ConsentTimeout = TimeSpan.FromHours(1),
        });
        var offer = LoadOffer.Create(browserUfrag, browserPassword, certificate.Fingerprint.ToString());
        if (!leg.TryAcceptOffer(offer, out _, out var error))
        {
            throw new InvalidOperationException("offer refused: " + error);
        }

        leg.UseKeysWithoutHandshake(new DtlsSrtpKeys(profile, keyingMaterial, 0));
        var call = new BridgedCall(index, leg, MediaSocket.Open(IPAddress.Loopback, ports), trunkPeer);
        call.Start();
        return call;
    }

    private static string Stats(List<BridgedCall> calls)
    {
        long legReceived = 0, legDropped = 0, sentToTrunk = 0, trunkReceived = 0, sentToBrowser = 0, relayDropped = 0;
        foreach (var call in calls)
        {
            legReceived += call.Leg.Counters.RtpReceived;
            legDropped += call.Leg.Counters.RtpDropped;
            sentToTrunk += call.SentToTrunk;
            trunkReceived += call.TrunkReceived;
            sentToBrowser += call.SentToBrowser;
            relayDropped += call.RelayDropped;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"stats {cpu:F0} {legReceived} {legDropped} {sentToTrunk} {trunkReceived} {sentToBrowser} {relayDropped}");
    }
}
