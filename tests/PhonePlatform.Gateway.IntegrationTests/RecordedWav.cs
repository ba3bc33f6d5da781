using System.Buffers.Binary;
using PhonePlatform.Crypto;
using PhonePlatform.Media.Audio;

namespace PhonePlatform.Gateway.IntegrationTests;

/// <summary>Reads a stored recording back through the encrypted blob store: an 8 kHz stereo 16-bit WAV, split by channel.</summary>
internal static class RecordedWav
{
    public static async Task<(short[] Left, short[] Right)> ReadStereoAsync(IWorkspaceBlobs blobs, Guid workspaceId, string blobName)
    {
        var plain = await blobs.OpenReadAsync(workspaceId, blobName);
        var reader = await WavReader.OpenAsync(plain);
        await using (reader)
        {
            Assert.Equal(new WavFormat(WavEncoding.Pcm16, 8000, 2), reader.Format);
            using var pcm = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                pcm.Write(buffer, 0, read);
            }

            var frames = (int)(pcm.Length / 4);
            var left = new short[frames];
            var right = new short[frames];
            var bytes = pcm.GetBuffer();
            for (var i = 0; i < frames; i++)
            {
                left[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 4));
                right[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan((i * 4) + 2));
            }

            return (left, right);
        }
    }

    /// <summary>Root mean square of the samples (0 for digital silence).</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }
}
