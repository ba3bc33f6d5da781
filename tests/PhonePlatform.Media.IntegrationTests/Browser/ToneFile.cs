using System.Buffers.Binary;

namespace PhonePlatform.Media.IntegrationTests.Browser;

/// <summary>Writes a mono 16-bit PCM WAV of a sine tone: Chromium's fake microphone plays it.</summary>
internal static class ToneFile
{
    public static void Write(string path, double frequency, int sampleRate, TimeSpan duration, double amplitude = 0.5)
    {
        var samples = (int)(sampleRate * duration.TotalSeconds);
        var data = new byte[samples * 2];
        for (var n = 0; n < samples; n++)
        {
            var value = (short)(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * frequency * n / sampleRate));
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(n * 2), value);
        }

        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + data.Length);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], data.Length);
        file.Write(header);
        file.Write(data);
    }
}
