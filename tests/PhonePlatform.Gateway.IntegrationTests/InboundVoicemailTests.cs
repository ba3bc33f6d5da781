using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Calls;
using PhonePlatform.Media.Audio;

namespace PhonePlatform.Gateway.IntegrationTests;

public sealed class InboundVoicemailTests
{
    private const string Number = "+15557654321";

    [Fact]
    public async Task TrunkInvite_NobodyRegistered_RecordsEncryptedVoicemailWithCallerAudio()
    {
        await using var gateway = await GatewayHarness.StartAsync();
        var workspace = Guid.NewGuid();
        gateway.Numbers.Set(new NumberRoute(workspace, Number, ["sip:alice@ws.example"]));

        var (exitCode, output) = await Sipp.RunAsync("trunk_to_voicemail.xml", gateway.SipEndPoint, "-s", Number);
        Assert.True(exitCode == 0, output);
        await gateway.B2bua.DrainAsync();

        var message = Assert.Single(gateway.Voicemails);
        Assert.Equal(workspace, message.WorkspaceId);
        Assert.Equal(Number, message.Number);
        Assert.Equal("+15550001111", message.CallerNumber);
        Assert.Equal(0, gateway.B2bua.ActiveCallCount);

        // The stored blob is ciphertext; through the encrypted store it is a WAV holding the caller's speech.
        await using (var raw = await gateway.RawBlobs.OpenReadAsync(EncryptedBlobStore.StorageKey(workspace, message.BlobName)))
        {
            var head = new byte[4];
            await raw.ReadExactlyAsync(head);
            Assert.NotEqual("RIFF"u8.ToArray(), head);
        }

        await using var plaintext = await gateway.Blobs.OpenReadAsync(workspace, message.BlobName);
        await using var wav = await WavReader.OpenAsync(plaintext);
        var samples = await ReadLeftChannelAsync(wav);
        Assert.True(samples.Length > 8000, $"only {samples.Length} samples recorded");
        Assert.True(Rms(samples) > 200, $"caller channel is silent (RMS {Rms(samples):F1})");
    }

    private static async Task<short[]> ReadLeftChannelAsync(WavReader wav)
    {
        var bytes = new byte[wav.DataLength];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = await wav.ReadAsync(bytes.AsMemory(read));
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var frames = read / 4;
        var left = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            left[i] = BitConverter.ToInt16(bytes, i * 4);
        }

        return left;
    }

    private static double Rms(short[] samples) => Math.Sqrt(samples.Average(s => (double)s * s));
}
