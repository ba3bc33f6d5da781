using System.Buffers.Binary;

namespace PhonePlatform.Media.Audio;

/// <summary>
/// Writes a RIFF/WAVE stream. On a seekable stream the RIFF, data (and fact) sizes are patched when the writer
/// completes; on a non-seekable stream the header carries 0xFFFFFFFF sizes, the convention for streamed WAV
/// that players read to the end of the stream. Holds no audio in memory.
/// </summary>
public sealed class WavWriter : IAsyncDisposable
{
    // Offsets of the size fields patched at the end.
    private const int RiffSizeOffset = 4;
    private const uint StreamingSize = 0xFFFF_FFFF;

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly long headerStart;
    private readonly int headerLength;
    private readonly int dataSizeOffset;
    private readonly int factOffset;
    private byte[]? sampleScratch;
    private bool headerWritten;
    private bool completed;

    public WavWriter(Stream stream, WavFormat format, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream must be writable.", nameof(stream));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(format.SampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(format.Channels);
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        Format = format;
        headerStart = stream.CanSeek ? stream.Position : 0;

        // RIFF header 12, fmt chunk 8 + 16 (PCM) or 8 + 18 (non-PCM with cbSize), fact chunk 12 for non-PCM, data header 8.
        var pcm = format.Encoding == WavEncoding.Pcm16;
        factOffset = pcm ? -1 : 12 + 8 + 18 + 8;
        headerLength = pcm ? 12 + 24 + 8 : 12 + 26 + 12 + 8;
        dataSizeOffset = headerLength - 4;
    }

    public WavFormat Format { get; }

    /// <summary>Audio octets written so far.</summary>
    public long DataLength { get; private set; }

    /// <summary>Writes encoded audio (interleaved sample frames in the writer's format).</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        if (!headerWritten)
        {
            await WriteHeaderAsync(cancellationToken);
        }

        await stream.WriteAsync(audio, cancellationToken);
        DataLength += audio.Length;
    }

    /// <summary>Writes 16-bit samples (interleaved for stereo); the format must be <see cref="WavEncoding.Pcm16"/>.</summary>
    public async ValueTask WriteSamplesAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken = default)
    {
        if (Format.Encoding != WavEncoding.Pcm16)
        {
            throw new InvalidOperationException("Samples can only be written to a 16-bit PCM WAV.");
        }

        var bytes = sampleScratch ??= new byte[4096 * 2];
        while (!samples.IsEmpty)
        {
            var count = Math.Min(samples.Length, bytes.Length / 2);
            var span = samples.Span[..count];
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), span[i]);
            }

            await WriteAsync(bytes.AsMemory(0, count * 2), cancellationToken);
            samples = samples[count..];
        }
    }

    /// <summary>Finishes the file: pads an odd data chunk and patches the sizes when the stream can seek.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (completed)
        {
            return;
        }

        if (!headerWritten)
        {
            await WriteHeaderAsync(cancellationToken);
        }

        completed = true;
        if ((DataLength & 1) != 0)
        {
            // RIFF chunks are word aligned; the pad octet is not counted in the data size.
            await stream.WriteAsync(new byte[1], cancellationToken);
        }

        if (stream.CanSeek && DataLength + headerLength - 8 <= uint.MaxValue)
        {
            var end = stream.Position;
            var field = new byte[4];
            await PatchAsync(RiffSizeOffset, (uint)(end - headerStart - 8), field, cancellationToken);
            await PatchAsync(dataSizeOffset, (uint)DataLength, field, cancellationToken);
            if (factOffset >= 0)
            {
                await PatchAsync(factOffset, (uint)(DataLength / Format.BlockAlign), field, cancellationToken);
            }

            stream.Position = end;
        }

        await stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await CompleteAsync();
        if (!leaveOpen)
        {
            await stream.DisposeAsync();
        }
    }

    private async ValueTask PatchAsync(int offset, uint value, byte[] field, CancellationToken cancellationToken)
    {
        stream.Position = headerStart + offset;
        BinaryPrimitives.WriteUInt32LittleEndian(field, value);
        await stream.WriteAsync(field, cancellationToken);
    }

    private async ValueTask WriteHeaderAsync(CancellationToken cancellationToken)
    {
        headerWritten = true;
        var header = new byte[headerLength];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], StreamingSize);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        var pcm = Format.Encoding == WavEncoding.Pcm16;
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], pcm ? 16u : 18u);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], (ushort)Format.Encoding);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)Format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)Format.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)Format.ByteRate);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)Format.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)Format.BitsPerSample);
        var position = 36;
        if (!pcm)
        {
            // cbSize = 0, then the fact chunk that non-PCM formats carry (sample frames per channel).
            BinaryPrimitives.WriteUInt16LittleEndian(span[36..], 0);
            "fact"u8.CopyTo(span[38..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[42..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(span[46..], StreamingSize);
            position = 50;
        }

        "data"u8.CopyTo(span[position..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(position + 4)..], StreamingSize);
        await stream.WriteAsync(header, cancellationToken);
    }
}
