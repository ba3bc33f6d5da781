using System.Globalization;
using PhonePlatform.Media.Srtp;
using PhonePlatform.MediaLoad;

// Relay capacity load test (docs/benchmarks.md, "WebRTC media: relay capacity"):
//   load [--calls 100,250,500,1000,1500] [--seconds 20] [--profile gcm|aescm] [--shards 8] [--inline-completions true]
//        [--receivers epoll,async]  (each step once per receiver: epoll+recvmmsg threads, or async loops per socket)
//        [--ports per-leg,shared]   (each step once per port mode: a port per WebRTC leg, or the multiplexed ports)
// runs one relay process per step (this program with "relay") and drives it from here over loopback.
if (args.Length > 0 && args[0] == "relay")
{
    return await RelayHost.RunAsync(Console.In, Console.Out);
}

// srtp-cpu [pairs]: SRTP protect+unprotect cost in CPU time (docs/benchmarks.md).
if (args.Length > 0 && args[0] == "srtp-cpu")
{
    SrtpCpuCost.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000);
    return 0;
}

var options = LoadOptions.Parse(args);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"relay load: {options.Seconds} s per step, {options.Profile}, 50 packets/s per call each direction, {options.Shards} generator sockets per side, " +
    $"async receiver's socket completions {(options.InlineCompletions ? "inline on the epoll thread" : "on the thread pool (default)")}"));
Console.WriteLine("| receiver, WebRTC ports | calls | packets/s through relay | relay loss | generator loss | added latency p50 | p99 | max | relay CPU (% of one core) | relay CPU per relayed packet | calls per relay core (packets/s ÷ CPU ÷ 100) | relay drops (SRTP, path) | 1 ms send slots skipped (generator starved) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var calls in options.Calls)
{
    foreach (var ports in options.PortModes)
    {
        foreach (var receiver in options.Receivers)
        {
            var result = await LoadStep.RunAsync(calls, options, receiver, ports);
            Console.WriteLine(result.ToMarkdownRow());
        }
    }
}

return 0;

internal sealed record LoadOptions(
    IReadOnlyList<int> Calls, int Seconds, SrtpProfile Profile, int Shards, bool InlineCompletions, IReadOnlyList<string> Receivers, IReadOnlyList<string> PortModes)
{
    public static LoadOptions Parse(string[] args)
    {
        IReadOnlyList<int> calls = [100, 250, 500, 1000, 1500];
        var seconds = 20;
        var profile = SrtpProfile.AeadAes128Gcm;
        var shards = 8;
        var inline = false;
        IReadOnlyList<string> receivers = ["epoll"];
        IReadOnlyList<string> portModes = ["shared", "per-leg"];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--calls":
                    calls = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--seconds":
                    seconds = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--profile":
                    profile = value == "aescm" ? SrtpProfile.Aes128CmHmacSha1_80 : SrtpProfile.AeadAes128Gcm;
                    break;
                case "--inline-completions":
                    inline = bool.Parse(value);
                    break;
                case "--receivers":
                    receivers = value.Split(',');
                    break;
                case "--ports":
                    portModes = value.Split(',');
                    break;
                case "--shards":
                    shards = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException("unknown option " + args[i]);
            }
        }

        return new LoadOptions(calls, seconds, profile, shards, inline, receivers, portModes);
    }
}
