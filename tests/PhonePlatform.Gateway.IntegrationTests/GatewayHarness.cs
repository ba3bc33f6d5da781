using System.Collections.Concurrent;
using System.Net;
using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Gateway.Recording;
using PhonePlatform.Gateway.Voicemail;
using PhonePlatform.Media.Transport;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>A real gateway on loopback: SIP stack on UDP, RTP legs, encrypted blob store in a temporary folder.</summary>
internal sealed class GatewayHarness : IAsyncDisposable, IVoicemailRepository, IDeviceDirectory, INumberCallSettings, ICallObserver, ICallRecordingRepository
{
    private readonly string folder = Directory.CreateTempSubdirectory("pp-gateway-").FullName;
    private readonly LocalKeyProvider keyProvider;
    private readonly WorkspaceKeyring keyring;

    private GatewayHarness(SipStack stack, IReadOnlyList<SipTrunk> trunks, IReadOnlyList<TrunkRoute> routes)
    {
        Stack = stack;
        keyProvider = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = Path.Combine(folder, "master.key") });
        keyring = new WorkspaceKeyring(keyProvider, new InMemoryWrappedKeyStore(), new WorkspaceKeyringOptions(), TimeProvider.System);
        RawBlobs = new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = Path.Combine(folder, "blobs") });
        Blobs = new EncryptedBlobStore(
            RawBlobs,
            new BlobCipher(keyring),
            keyring);
        Trunks = new SipTrunkDirectory(trunks);
        var recorder = new VoicemailRecorder(new UncataloguedWorkspaceBlobs(Blobs), this, new VoicemailOptions { MaxLength = TimeSpan.FromSeconds(15) }, TimeProvider.System);
        Router = new TrunkRouter(routes, _ => true);
        B2bua = new B2bua(stack, Trunks, Numbers, Locations, new RtpMediaLegFactory(IPAddress.Loopback, new MediaPortAllocator(42000, 42998)), recorder,
            Router, this)
        {
            CallSettings = this,
            Observer = this,
            Recordings = new CallRecordings(new UncataloguedWorkspaceBlobs(Blobs), this, TimeProvider.System),
            Options = new B2buaOptions { RingTimeout = TimeSpan.FromSeconds(20), MenuTimeout = TimeSpan.FromSeconds(20), TrunkSetupTimeout = TimeSpan.FromSeconds(2) },
        };
        stack.RequestHandler = B2bua;
    }

    public SipStack Stack { get; }

    public IPEndPoint SipEndPoint => (IPEndPoint)Stack.Transports[0].LocalEndPoint;

    public EncryptedBlobStore Blobs { get; }

    public LocalFolderBlobStore RawBlobs { get; }

    public SipTrunkDirectory Trunks { get; }

    public TrunkRouter Router { get; }

    public InMemoryNumberDirectory Numbers { get; } = new();

    public InMemoryLocationService Locations { get; } = new();

    public B2bua B2bua { get; }

    public ConcurrentQueue<VoicemailMessage> Voicemails { get; } = new();

    /// <summary>Devices allowed to dial out: From user -> caller id number (the member's permitted workspace number).</summary>
    public Dictionary<string, OutboundCaller> Devices { get; } = new(StringComparer.Ordinal);

    /// <summary>Every number's call settings (the API host reads them from PostgreSQL).</summary>
    public NumberCallPolicy Policy { get; set; } = NumberCallPolicy.Default;

    public ConcurrentQueue<CallEvent> Ringing { get; } = new();

    /// <summary>Recordings filed (the API host adds a CallRecording row).</summary>
    public ConcurrentQueue<RecordedCall> Recorded { get; } = new();

    public ConcurrentQueue<CallEnded> Ended { get; } = new();

    /// <summary>A device of <paramref name="addressOfRecord"/> registered from UDP <paramref name="port"/> on loopback.</summary>
    public ValueTask RegisterDeviceAsync(string addressOfRecord, int port) =>
        Locations.SaveAsync(
            new SipBinding(
                addressOfRecord,
                new SipNameAddress(SipUri.Parse($"sip:device@127.0.0.1:{port}")),
                DateTimeOffset.UtcNow.AddHours(1),
                Guid.NewGuid().ToString("N"),
                1,
                new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, port))),
            CancellationToken.None);

    /// <summary>Waits until a call has ended (call records are written from OnEnded).</summary>
    public async Task<CallEnded?> WaitForEndAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Ended.IsEmpty && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        return Ended.TryPeek(out var ended) ? ended : null;
    }

    public Task<NumberCallPolicy> GetAsync(Guid workspaceId, string number, CancellationToken cancellationToken) => Task.FromResult(Policy);

    public void OnRinging(CallEvent call) => Ringing.Enqueue(call);

    public void OnAnswered(CallEvent call)
    {
    }

    public void OnEnded(CallEnded call) => Ended.Enqueue(call);

    /// <summary>A gateway whose only trunk is a carrier calling in from loopback.</summary>
    public static Task<GatewayHarness> StartAsync(SipStackOptions? options = null) =>
        StartAsync([new SipTrunk { Name = "loopback-carrier", Host = "127.0.0.1", AllowedSources = [IPNetwork.Parse("127.0.0.1/32")] }], [], options);

    public static async Task<GatewayHarness> StartAsync(IReadOnlyList<SipTrunk> trunks, IReadOnlyList<TrunkRoute> routes, SipStackOptions? options = null)
    {
        var stack = new SipStack(options ?? new SipStackOptions(), TimeProvider.System);
        stack.AddTransport(new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0)));
        var harness = new GatewayHarness(stack, trunks, routes);
        await stack.StartAsync();
        return harness;
    }

    public Task AddAsync(VoicemailMessage message, CancellationToken cancellationToken)
    {
        Voicemails.Enqueue(message);
        return Task.CompletedTask;
    }

    Task ICallRecordingRepository.AddAsync(RecordedCall recording, CancellationToken cancellationToken)
    {
        Recorded.Enqueue(recording);
        return Task.CompletedTask;
    }

    public Task<OutboundCaller?> AuthorizeOutboundAsync(SipServerTransaction invite, CancellationToken cancellationToken) =>
        Task.FromResult(invite.Request.From?.Uri.User is { } user && Devices.TryGetValue(user, out var caller) ? caller : null);

    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
        await B2bua.DrainAsync();
        keyring.Dispose();
        keyProvider.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
