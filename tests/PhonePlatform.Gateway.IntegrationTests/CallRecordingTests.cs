using System.Net;
using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Gateway.Recording;
using PhonePlatform.Media.Audio;
using PhonePlatform.Media.Codecs;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>
/// Two plain RTP legs bridged on loopback, each side's peer sending its own tone, recorded through the real encrypted
/// blob store: the stored blob decrypts to a stereo WAV with the first side's tone left and the second's right.
/// </summary>
public sealed class CallRecordingTests : IAsyncDisposable
{
    private const double FirstToneHz = 400;
    private const double SecondToneHz = 1000;
    private static readonly MediaPortAllocator Ports = new(44_000, 44_998);
    private readonly string folder = Directory.CreateTempSubdirectory("pp-recording-").FullName;
    private readonly LocalKeyProvider keyProvider;
    private readonly WorkspaceKeyring keyring;
    private readonly UncataloguedWorkspaceBlobs blobs;

    public CallRecordingTests()
    {
        keyProvider = new LocalKeyProvider(new LocalKeyProviderOptions { MasterKeyPath = Path.Combine(folder, "master.key") });
        keyring = new WorkspaceKeyring(keyProvider, new InMemoryWrappedKeyStore(), new WorkspaceKeyringOptions(), TimeProvider.System);
        var raw = new LocalFolderBlobStore(new LocalFolderBlobStoreOptions { RootPath = Path.Combine(folder, "blobs") });
        blobs = new UncataloguedWorkspaceBlobs(new EncryptedBlobStore(raw, new BlobCipher(keyring), keyring));
    }

    [Fact]
    public async Task Recording_BridgedCall_DecryptsToStereoWavWithEachSidesAudioOnItsChannel()
    {
        using var firstPeer = RtpPeer.Open();
        using var secondPeer = RtpPeer.Open();
        var factory = new RtpMediaLegFactory(IPAddress.Loopback, Ports);
        await using var first = await AnswerAsync(factory, firstPeer);
        await using var second = await AnswerAsync(factory, secondPeer);
        var bridge = MediaBridge.Connect(first, second);
        var filed = new List<RecordedCall>();
        var recordings = new CallRecordings(blobs, new ListRepository(filed), TimeProvider.System);
        var workspaceId = Guid.NewGuid();
        var callId = Guid.NewGuid();

        var session = recordings.Start(workspaceId, callId, bridge);
        await SendTonesAsync(firstPeer, first.LocalEndPoint, secondPeer, second.LocalEndPoint, packets: 150);
        var recorded = await recordings.CompleteAsync(session);
        bridge.Dispose();

        Assert.NotNull(recorded);
        Assert.Equal([recorded], filed);
        Assert.Equal(callId, recorded.CallId);
        Assert.InRange(recorded.Duration.TotalSeconds, 1.0, 10.0);
        var raw = await File.ReadAllBytesAsync(Directory.EnumerateFiles(Path.Combine(folder, "blobs"), "*", SearchOption.AllDirectories).Single());
        Assert.DoesNotContain("RIFF", System.Text.Encoding.ASCII.GetString(raw), StringComparison.Ordinal);

        var (left, right) = await ReadStereoAsync(workspaceId, recorded.BlobName);
        var l = left.AsSpan(left.Length / 4, 8000);
        var r = right.AsSpan(right.Length / 4, 8000);
        Assert.True(Goertzel.RelativePower(l, FirstToneHz, 8000) > 0.5, "the first side's tone is not on the left");
        Assert.True(Goertzel.RelativePower(r, SecondToneHz, 8000) > 0.5, "the second side's tone is not on the right");
        Assert.True(Goertzel.RelativePower(l, SecondToneHz, 8000) < 0.05, "the second side leaks into the left");
        Assert.True(Goertzel.RelativePower(r, FirstToneHz, 8000) < 0.05, "the first side leaks into the right");
    }

    public async ValueTask DisposeAsync()
    {
        keyring.Dispose();
        keyProvider.Dispose();
        Directory.Delete(folder, recursive: true);
        await Task.CompletedTask;
    }

    private static async Task<RtpMediaLeg> AnswerAsync(RtpMediaLegFactory factory, RtpPeer peer)
    {
        Assert.True(SdpParser.TryParse(peer.Offer(), out var offer, out var error), error);
        var result = await factory.CreateForOfferAsync(offer!, null, CancellationToken.None);
        return (RtpMediaLeg)result.Leg!;
    }

    // Both peers send 20 ms PCMU packets of their tone at real-time pace, as phones do.
    private static async Task SendTonesAsync(RtpPeer firstPeer, IPEndPoint firstLeg, RtpPeer secondPeer, IPEndPoint secondLeg, int packets)
    {
        var firstTone = new ToneGenerator(8000, 0.3, FirstToneHz);
        var secondTone = new ToneGenerator(8000, 0.3, SecondToneHz);
        var samples = new short[160];
        var packet = new byte[172];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        for (ushort sequence = 1; sequence <= packets && await timer.WaitForNextTickAsync(); sequence++)
        {
            firstTone.Generate(samples);
            Encode(samples, packet);
            firstPeer.Rtp.SendTo(RtpPeer.Pcmu(packet, 0x11111111, sequence), firstLeg);
            secondTone.Generate(samples);
            Encode(samples, packet);
            secondPeer.Rtp.SendTo(RtpPeer.Pcmu(packet, 0x22222222, sequence), secondLeg);
        }
    }

    private static void Encode(ReadOnlySpan<short> samples, byte[] packet)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            packet[12 + i] = G711.EncodeMuLaw(samples[i]);
        }
    }

    private async Task<(short[] Left, short[] Right)> ReadStereoAsync(Guid workspaceId, string blobName)
    {
        var (left, right) = await RecordedWav.ReadStereoAsync(blobs, workspaceId, blobName);
        Assert.True(left.Length >= 16_000, $"only {left.Length} frames recorded");
        return (left, right);
    }

    private sealed class ListRepository(List<RecordedCall> filed) : ICallRecordingRepository
    {
        public Task AddAsync(RecordedCall recording, CancellationToken cancellationToken)
        {
            filed.Add(recording);
            return Task.CompletedTask;
        }
    }
}
