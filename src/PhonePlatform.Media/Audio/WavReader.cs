using System.Buffers.Binary;

namespace PhonePlatform.Media.Audio;

/// <summary>
/// Reads a RIFF/WAVE stream chunk by chunk: the format from "fmt ", then the audio of "data" as it is read.
/// Accepts 16-bit PCM, A-law and µ-law; a 0xFFFFFFFF (streamed) or overlong data size reads to the end of the stream.
/// Malformed files raise <see cref="InvalidDataException"/>.
/// </summary>
public sealed class WavReader : IAsyncDisposable
{
    private const uint StreamingSize = 0xFFFF_FFFF;

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private long remaining;

    private WavReader(Stream stream, WavFormat format, long dataLength, bool leaveOpen)
    {
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        Format = format;
        DataLength = dataLength;
        remaining = dataLength < 0 ? long.MaxValue : dataLength;
    }

    public WavFormat Format { get; }

    /// <summary>Octets in the data chunk, or -1 when the file was streamed without a size.</summary>
    public long DataLength { get; }

    public static async Task<WavReader> OpenAsync(Stream stream, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var riff = new byte[12];
        await ReadExactlyAsync(stream, riff, cancellationToken);
        if (!riff.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !riff.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a RIFF/WAVE stream.");
        }

        WavFormat? format = null;
        var chunkHeader = new byte[8];
        while (true)
        {
            await ReadExactlyAsync(stream, chunkHeader, cancellationToken);
            var id = chunkHeader.AsSpan(0, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader.AsSpan(4));
            if (id.SequenceEqual("fmt "u8))
            {
                if (size is < 16 or > 1024)
                {
                    throw new InvalidDataException($"Unexpected fmt chunk size {size}.");
                }

                var fmt = new byte[size + (size & 1)];
                await ReadExactlyAsync(stream, fmt, cancellationToken);
                format = ParseFormat(fmt);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new InvalidDataException("The data chunk precedes the fmt chunk.");
                }

                var length = size == StreamingSize ? -1L : size;
                return new WavReader(stream, format, length, leaveOpen);
            }
            else
            {
                // Skip LIST, fact and other chunks (word aligned).
                await SkipAsync(stream, size + (size & 1), cancellationToken);
            }
        }
    }

    /// <summary>Reads up to <paramref name="buffer"/>.Length octets of audio; 0 at the end of the data.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (remaining <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var wanted = (int)Math.Min(buffer.Length, remaining);
        var total = 0;
        while (total < wanted)
        {
            var read = await stream.ReadAsync(buffer[total..wanted], cancellationToken);
            if (read == 0)
            {
                remaining = 0;
                break;
            }

            total += read;
        }

        remaining -= total;
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        if (!leaveOpen)
        {
            await stream.DisposeAsync();
        }
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        var encoding = (WavEncoding)tag;
        var expectedBits = encoding switch
        {
            WavEncoding.Pcm16 => 16,
            WavEncoding.ALaw or WavEncoding.MuLaw => 8,
            _ => throw new InvalidDataException($"Unsupported WAVE format tag {tag}."),
        };
        if (bits != expectedBits || channels is 0 or > 8 || sampleRate is 0 or > 384_000)
        {
            throw new InvalidDataException($"Unsupported format: tag {tag}, {bits} bits, {channels} channels, {sampleRate} Hz.");
        }

        return new WavFormat(encoding, (int)sampleRate, channels);
    }

    private static async ValueTask ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The WAV stream ends inside its header.", e);
        }
    }

    private static async ValueTask SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        if (stream.CanSeek)
        {
            if (stream.Position + count > stream.Length)
            {
                throw new InvalidDataException("A chunk runs past the end of the stream.");
            }

            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        var scratch = new byte[Math.Min(count, 4096)];
        while (count > 0)
        {
            var read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(count, scratch.Length)), cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException("A chunk runs past the end of the stream.");
            }

            count -= read;
        }
    }
}
