using System.Diagnostics;
using System.Globalization;
using System.Net;
using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Gateway.Voicemail;
using PhonePlatform.Media.Transport;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Protection;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.CallLoad;

/// <summary>
/// Composes the gateway for load: inbound calls to <see cref="VoicemailNumber"/> (nobody registered) go to voicemail;
/// an INVITE from any other address is a device, allowed to dial out through the one carrier trunk on loopback.
/// </summary>
internal sealed class GatewayLoadHost : IAsyncDisposable, IDeviceDirectory
{
    public const string VoicemailNumber = "+15557654321";

    public const string StatsHeader = "elapsed_s,cpu_s,active_calls,active_legs,answered,ended,ended_with_audio,failed,voicemails,packets_received,heap_mb,threadpool_threads,threadpool_pending,threadpool_completed,sip_transactions,sip_rate_limited,sip_dropped_other";

    private static readonly Guid Workspace = Guid.CreateVersion7();
    private readonly string folder = Directory.CreateTempSubdirectory("pp-callload-").FullName;
    private readonly LocalKeyProvider keyProvider;
    private readonly WorkspaceKeyring keyring;
    private readonly VoicemailCounter voicemails;
    private readonly CallTally tally = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly SipStack stack;
    private readonly B2bua b2bua;
    private long sipRateLimited;
    private long sipDroppedOther;

    private GatewayLoadHost(SipStack stack, GatewayLoadOptions options)
    {
        this.stack = stack;
        stack.MessageDropped += (_, reason) => Interlocked.Increment(ref reason == "rate limited" ? ref sipRateLimited : ref sipDroppedOther);
        keyProvider = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = Path.Combine(folder, "master.key") });
        keyring = new WorkspaceKeyring(keyProvider, new InMemoryWrappedKeyStore(), new WorkspaceKeyringOptions(), TimeProvider.System);
        var blobs = new EncryptedBlobStore(
            new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = Path.Combine(folder, "blobs") }),
            new BlobCipher(keyring),
            keyring);
        voicemails = new VoicemailCounter(blobs);
        var carrier = new SipTrunk
        {
            Name = "carrier",
            Host = options.Address.ToString(),
            Port = options.TrunkPort,
            AllowedSources = [new IPNetwork(options.CarrierSource, 32)],
        };
        var numbers = new InMemoryNumberDirectory();
        numbers.Set(new NumberRoute(Workspace, VoicemailNumber, ["sip:nobody@load.example"]));
        var recorder = new VoicemailRecorder(voicemails, voicemails, new VoicemailOptions { MaxLength = TimeSpan.FromSeconds(options.VoicemailSeconds) }, TimeProvider.System);
        b2bua = new B2bua(
            stack,
            new SipTrunkDirectory([carrier]),
            numbers,
            new InMemoryLocationService(),
            new RtpMediaLegFactory(options.Address, new MediaPortAllocator(options.FirstMediaPort, options.LastMediaPort)),
            recorder,
            new TrunkRouter([new TrunkRoute(carrier, "+", Priority: 1, CostPerMinute: 0m)], _ => true),
            this)
        {
            Observer = tally,
        };
        stack.RequestHandler = b2bua;
    }

    public int SipPort => ((IPEndPoint)stack.Transports[0].LocalEndPoint).Port;

    public static async Task<GatewayLoadHost> StartAsync(GatewayLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // sipp plays every device from one address (127.0.0.1), where real devices each have their own: the per-source
        // limit (sized for one device) would measure sipp, not the gateway. The carrier is exempt as a trusted peer.
        var devices = new SipProtectionOptions { RequestsPerSecondPerSource = options.DeviceRequestsPerSecond, BurstPerSource = options.DeviceRequestsPerSecond };
        var stack = new SipStack(new SipStackOptions { Protection = devices }, TimeProvider.System);
        stack.AddTransport(new UdpSipTransport(new IPEndPoint(options.Address, options.SipPort)));
        var host = new GatewayLoadHost(stack, options);
        await stack.StartAsync();
        return host;
    }

    public Task<OutboundCaller?> AuthorizeOutboundAsync(SipServerTransaction invite, CancellationToken cancellationToken) =>
        Task.FromResult<OutboundCaller?>(new OutboundCaller(Workspace, "sip:load@load.example", VoicemailNumber));

    public string StatsLine()
    {
        using var process = Process.GetCurrentProcess();
        var answeredThenEnded = tally.Ended - tally.Failed;
        return string.Create(CultureInfo.InvariantCulture,
            $"{clock.Elapsed.TotalSeconds:F1},{process.TotalProcessorTime.TotalSeconds:F2},{tally.Answered - answeredThenEnded},{b2bua.ActiveCallCount},{tally.Answered},{tally.Ended},{tally.EndedWithAudio},{tally.Failed},{voicemails.Stored},{tally.PacketsReceived},{GC.GetTotalMemory(false) / 1048576.0:F0},{ThreadPool.ThreadCount},{ThreadPool.PendingWorkItemCount},{ThreadPool.CompletedWorkItemCount},{stack.ActiveTransactionCount},{Interlocked.Read(ref sipRateLimited)},{Interlocked.Read(ref sipDroppedOther)}");
    }

    public async ValueTask DisposeAsync()
    {
        await stack.DisposeAsync();

        // Calls the B2BUA never ended (a caller that vanished without BYE) would hold the drain forever.
        await b2bua.DrainAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        keyring.Dispose();
        keyProvider.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
