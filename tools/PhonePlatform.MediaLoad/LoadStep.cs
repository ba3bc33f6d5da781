using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using PhonePlatform.Media.Srtp;
using PhonePlatform.Media.Stun;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.MediaLoad;

/// <summary>
/// One step of the ramp: a fresh relay process with <c>calls</c> bridged calls, driven at 50 packets/s per call in
/// both directions (toward the WebRTC legs from one socket per call, as browsers would; toward the trunk sockets
/// from a few shared ones), then counted: what the generator sent, what the relay
/// forwarded, what came back, and the one-way time from send to receive through the relay.
/// </summary>
internal sealed class LoadStep : IDisposable
{
    private const int PacketsPerSecond = 50;
    private const int SocketBuffer = 4 << 20;

    private readonly int calls;
    private readonly LoadOptions options;
    private readonly string receiver;
    private readonly string portMode;
    private readonly Socket[] browserSockets;
    private readonly Socket[] trunkSockets;
    private readonly GeneratorCall[] generatorCalls;
    private readonly LatencyHistogram[] histograms;
    private readonly IAsyncDisposable?[] browserReceiving;
    private long receivedAtBrowser;
    private readonly long[] receivedAtTrunk;
    private long stunAnswered;
    private volatile bool stopping;

    private LoadStep(int calls, LoadOptions options, string receiver, string portMode)
    {
        this.receiver = receiver;
        this.portMode = portMode;
        this.calls = calls;
        this.options = options;
        browserSockets = Enumerable.Range(0, calls).Select(_ => Bound(null)).ToArray();
        browserReceiving = new IAsyncDisposable?[calls];
        trunkSockets = Enumerable.Range(0, options.Shards).Select(_ => Bound(SocketBuffer)).ToArray();
        generatorCalls = new GeneratorCall[calls];
        histograms = Enumerable.Range(0, options.Shards + 1).Select(_ => new LatencyHistogram()).ToArray();
        receivedAtTrunk = new long[options.Shards];
    }

    public static async Task<LoadStepResult> RunAsync(int calls, LoadOptions options, string receiver, string portMode)
    {
        using var step = new LoadStep(calls, options, receiver, portMode);
        return await step.RunAsync();
    }

    public void Dispose()
    {
        foreach (var registration in browserReceiving)
        {
            registration?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        foreach (var socket in browserSockets.Concat(trunkSockets))
        {
            socket.Dispose();
        }

        foreach (var call in generatorCalls)
        {
            call?.Dispose();
        }
    }

    private async Task<LoadStepResult> RunAsync()
    {
        using var relay = StartRelay(options.InlineCompletions, receiver, portMode);
        try
        {
            await OpenCallsAsync(relay);
            var receivers = new List<Thread>();
            for (var shard = 0; shard < options.Shards; shard++)
            {
                receivers.Add(StartThread(ReceiveAtTrunk, shard));
            }

            for (var i = 0; i < calls; i++)
            {
                var call = i;
                browserReceiving[i] = MediaReceiver.Shared.Register(browserSockets[i], (buffer, length, _) => ReceiveAtBrowser(call, buffer, length));
            }

            SendIceChecks();
            var deadline = Stopwatch.StartNew();
            while (Interlocked.Read(ref stunAnswered) < calls && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }

            if (Interlocked.Read(ref stunAnswered) < calls)
            {
                throw new InvalidOperationException($"only {stunAnswered} of {calls} ICE checks were answered");
            }

            var before = await StatsAsync(relay);
            var wall = Stopwatch.StartNew();
            var sent = Send();
            var sendWall = wall.Elapsed;
            var after = await StatsAsync(relay);

            // A relay that lags still holds packets in its socket buffers: wait until its counters stop moving (up to
            // 20 s) so late packets count as late, not lost; then stop the receivers.
            var final = await SettledStatsAsync(relay);
            await Task.Delay(500);
            stopping = true;
            foreach (var receiver in receivers)
            {
                receiver.Join();
            }

            var latency = LatencyHistogram.Merge(histograms);
            return new LoadStepResult(
                receiver + ", " + portMode, calls, sendWall, sent, final, Interlocked.Read(ref receivedAtBrowser) + receivedAtTrunk.Sum(), latency,
                (after.CpuMilliseconds - before.CpuMilliseconds) / sendWall.TotalMilliseconds);
        }
        finally
        {
            await relay.StandardInput.WriteLineAsync("quit");
            await relay.StandardInput.FlushAsync();
            if (!relay.WaitForExit(30_000))
            {
                relay.Kill();
            }
        }
    }

    private static Process StartRelay(bool inlineCompletions, string receiver, string portMode)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };

        // .NET runs socket continuations on the thread pool unless told to run them on the epoll thread; the relay's
        // handlers never block, so inline completion saves a thread hop per packet.
        start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = inlineCompletions ? "1" : "0";
        start.Environment["PHONEPLATFORM_MEDIA_RECEIVER"] = receiver;
        start.Environment["PHONEPLATFORM_MEDIALOAD_PORTS"] = portMode;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LoadStep).Assembly.Location);
        }

        start.ArgumentList.Add("relay");
        return Process.Start(start) ?? throw new InvalidOperationException("the relay process did not start");
    }

    private async Task OpenCallsAsync(Process relay)
    {
        var profile = options.Profile;
        for (var i = 0; i < calls; i++)
        {
            var keys = RandomNumberGenerator.GetBytes(SrtpKeyingMaterial.ExportLength(profile));
            var ufrag = "load" + i.ToString(CultureInfo.InvariantCulture);
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            var trunkPeer = (IPEndPoint)trunkSockets[i % options.Shards].LocalEndPoint!;
            await relay.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"call {i} {ufrag} {password} {trunkPeer} {(int)profile} {Convert.ToHexString(keys)}"));
            await relay.StandardInput.FlushAsync();
            var reply = (await relay.StandardOutput.ReadLineAsync())?.Split(' ')
                ?? throw new InvalidOperationException("the relay process ended");
            var material = SrtpKeyingMaterial.FromDtlsExport(profile, keys, isServer: false);
            generatorCalls[i] = new GeneratorCall(
                new IPEndPoint(IPAddress.Loopback, int.Parse(reply[2], CultureInfo.InvariantCulture)).Serialize(),
                reply[3], reply[4], ufrag,
                new IPEndPoint(IPAddress.Loopback, int.Parse(reply[5], CultureInfo.InvariantCulture)).Serialize(),
                material.CreateLocalSession(), material.CreateRemoteSession());
        }
    }

    private void SendIceChecks()
    {
        Span<byte> buffer = stackalloc byte[256];
        Span<byte> transaction = stackalloc byte[12];
        for (var i = 0; i < calls; i++)
        {
            var call = generatorCalls[i];
            RandomNumberGenerator.Fill(transaction);
            var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, transaction);
            writer.AddAttribute(StunAttributeType.Username, Encoding.ASCII.GetBytes(call.LegUfrag + ":" + call.BrowserUfrag));
            writer.AddAttribute(StunAttributeType.IceControlling, [1, 2, 3, 4, 5, 6, 7, 8]);
            writer.AddAttribute(StunAttributeType.UseCandidate, []);
            writer.AddAttribute(StunAttributeType.Priority, [0x6e, 0, 1, 0xff]);
            writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(call.LegPassword));
            writer.AddFingerprint();
            browserSockets[i].SendTo(buffer[..writer.Length], SocketFlags.None, call.Leg);
        }
    }

    // One thread paces every call: the 20 ms packet interval is cut into 1 ms slots and call i sends in slot i % 20,
    // so the load is spread evenly rather than bursting every 20 ms.
    private (long ToRelayFromBrowser, long ToRelayFromTrunk, TimeSpan MaxLateness, int SkippedSlots) Send()
    {
        const int Slots = 1000 / PacketsPerSecond;
        var packet = new byte[LoadPacket.Length + SrtpSession.MaxProtectOverhead];
        long fromBrowser = 0, fromTrunk = 0;
        var maxLateness = TimeSpan.Zero;
        var skippedSlots = 0;
        var ticks = options.Seconds * 1000;
        var clock = Stopwatch.StartNew();
        for (var tick = 0; tick < ticks; tick++)
        {
            var target = TimeSpan.FromMilliseconds(tick);
            while (clock.Elapsed < target)
            {
                if (target - clock.Elapsed > TimeSpan.FromMilliseconds(2))
                {
                    Thread.Sleep(1);
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }

            var lateness = clock.Elapsed - target;
            maxLateness = lateness > maxLateness ? lateness : maxLateness;

            // A starved generator skips the slots it missed by more than one packet interval instead of bursting them
            // (a burst is not what calls send); the packets/s column then shows the load actually offered.
            if (lateness > TimeSpan.FromMilliseconds(Slots))
            {
                skippedSlots++;
                continue;
            }
            var sequence = (ushort)(tick / Slots);
            for (var i = tick % Slots; i < calls; i += Slots)
            {
                var call = generatorCalls[i];
                var shard = i % options.Shards;
                var length = LoadPacket.Write(packet, LoadPacket.GeneratorBrowserSsrc(i), sequence, i);
                length = call.Protect.ProtectRtp(packet, length);
                browserSockets[i].SendTo(packet.AsSpan(0, length), SocketFlags.None, call.Leg);
                fromBrowser++;

                length = LoadPacket.Write(packet, LoadPacket.GeneratorTrunkSsrc(i), sequence, i);
                trunkSockets[shard].SendTo(packet.AsSpan(0, length), SocketFlags.None, call.Trunk);
                fromTrunk++;
            }
        }

        return (fromBrowser, fromTrunk, maxLateness, skippedSlots);
    }

    // On the generator's own media receive threads: one call's socket, one datagram at a time.
    private void ReceiveAtBrowser(int call, byte[] buffer, int length)
    {
        if (buffer[0] < 4)
        {
            Interlocked.Increment(ref stunAnswered);
            return;
        }

        if (LoadPacket.CallOf(LoadPacket.ReadSsrc(buffer)) != call || !generatorCalls[call].Unprotect.TryUnprotectRtp(buffer, length, out var plain))
        {
            return;
        }

        if (LoadPacket.TryRead(buffer.AsSpan(0, plain), out _, out var sentAt))
        {
            histograms[options.Shards].Record(Stopwatch.GetElapsedTime(sentAt));
            Interlocked.Increment(ref receivedAtBrowser);
        }
    }

    private void ReceiveAtTrunk(int shard)
    {
        var socket = trunkSockets[shard];
        var histogram = histograms[shard];
        var buffer = new byte[2048];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (!stopping)
        {
            var length = Receive(socket, buffer, from);
            if (length > 0 && LoadPacket.TryRead(buffer.AsSpan(0, length), out _, out var sentAt))
            {
                histogram.Record(Stopwatch.GetElapsedTime(sentAt));
                receivedAtTrunk[shard]++;
            }
        }
    }

    private static int Receive(Socket socket, byte[] buffer, SocketAddress from)
    {
        try
        {
            return socket.ReceiveFrom(buffer, SocketFlags.None, from);
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
        {
            return 0;
        }
    }

    private static async Task<RelayStats> SettledStatsAsync(Process relay)
    {
        var previous = await StatsAsync(relay);
        for (var i = 0; i < 40; i++)
        {
            await Task.Delay(500);
            var current = await StatsAsync(relay);
            if (current.SentToTrunk == previous.SentToTrunk && current.SentToBrowser == previous.SentToBrowser)
            {
                return current;
            }

            previous = current;
        }

        return previous;
    }

    private static async Task<RelayStats> StatsAsync(Process relay)
    {
        await relay.StandardInput.WriteLineAsync("stats");
        await relay.StandardInput.FlushAsync();
        var line = await relay.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the relay process ended");
        return RelayStats.Parse(line);
    }

    private static Thread StartThread(Action<int> body, int shard)
    {
        var thread = new Thread(() => body(shard)) { IsBackground = true, Name = "load-receive" };
        thread.Start();
        return thread;
    }

    private static Socket Bound(int? buffer)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 200 };
        if (buffer is { } size)
        {
            socket.ReceiveBufferSize = size;
            socket.SendBufferSize = size;
        }

        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private sealed record GeneratorCall(
        SocketAddress Leg, string LegUfrag, string LegPassword, string BrowserUfrag, SocketAddress Trunk, SrtpSession Protect, SrtpSession Unprotect)
        : IDisposable
    {
        public void Dispose()
        {
            Protect.Dispose();
            Unprotect.Dispose();
        }
    }
}
