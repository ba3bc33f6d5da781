using System.Globalization;
using System.Net;
using PhonePlatform.CallLoad;

// The media gateway as the load scripts drive it (deploy/load/calls.sh): the real B2BUA, SIP over UDP, RTP legs,
// voicemail recorded into the encrypted blob store, one trunk route to a sipp UAS carrier. Directories are in
// memory, so the figures are the gateway's, not PostgreSQL's. Prints "READY <sip port>", then one CSV line a second
// (see GatewayLoadHost.StatsHeader) until stdin closes.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

int Option(string name, int fallback) =>
    options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

await using var host = await GatewayLoadHost.StartAsync(new GatewayLoadOptions(
    SipPort: Option("sip-port", 0),
    TrunkPort: Option("trunk-port", 5090),
    FirstMediaPort: Option("first-media-port", 20000),
    LastMediaPort: Option("last-media-port", 29999),
    VoicemailSeconds: Option("voicemail-seconds", 30),
    Address: IPAddress.Loopback,
    CarrierSource: IPAddress.Parse(options.GetValueOrDefault("carrier-source", "127.0.0.2")),
    DeviceRequestsPerSecond: Option("device-requests-per-second", 100_000)));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"READY {host.SipPort}"));
Console.WriteLine(GatewayLoadHost.StatsHeader);
using var stop = new CancellationTokenSource();
_ = Task.Run(async () =>
{
    await Console.In.ReadToEndAsync();
    await stop.CancelAsync();
});

using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
try
{
    while (await timer.WaitForNextTickAsync(stop.Token))
    {
        Console.WriteLine(host.StatsLine());
    }
}
catch (OperationCanceledException)
{
}

Console.WriteLine(host.StatsLine());
