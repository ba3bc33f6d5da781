using System.Buffers;
using System.IO.Pipelines;
using PhonePlatform.Smpp.Internal.Pdus;

namespace PhonePlatform.Smpp.Tests.Session;

/// <summary>
/// Two pipes standing in for a TCP connection: the session gets <see cref="ClientStream"/>, the test plays the SMSC
/// with the real codec on the other ends, so session logic runs without sockets and on a fake clock.
/// </summary>
internal sealed class InMemoryLink
{
    private readonly Pipe toSmsc = new();
    private readonly Pipe toClient = new();

    public InMemoryLink() => ClientStream = new DuplexStream(toClient.Reader.AsStream(), toSmsc.Writer.AsStream());

    public Stream ClientStream { get; }

    public async Task<Pdu> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var result = await toSmsc.Reader.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            if (buffer.Length >= 4)
            {
                var header = new byte[4];
                buffer.Slice(0, 4).CopyTo(header);
                var length = PduCodec.ReadCommandLength(header);
                if (buffer.Length >= length)
                {
                    var frame = buffer.Slice(0, length).ToArray();
                    toSmsc.Reader.AdvanceTo(buffer.GetPosition(length));
                    return PduCodec.Decode(frame).Pdu ?? throw new InvalidDataException("client sent a malformed PDU");
                }
            }

            if (result.IsCompleted)
            {
                throw new EndOfStreamException();
            }

            toSmsc.Reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Whether the client has written anything not yet read.</summary>
    public bool HasPendingOutput() => toSmsc.Reader.TryRead(out var result) && Advance(result);

    /// <summary>Whether the client closed its side.</summary>
    public async Task<bool> ClientClosedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var result = await toSmsc.Reader.ReadAsync(timeout.Token);
            toSmsc.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return true;
            }
        }
    }

    public async Task WriteAsync(Pdu pdu) => await WriteAsync(PduCodec.Encode(pdu));

    public async Task WriteAsync(byte[] bytes)
    {
        await toClient.Writer.WriteAsync(bytes);
    }

    public async Task CloseFromSmscAsync() => await toClient.Writer.CompleteAsync();

    private bool Advance(ReadResult result)
    {
        var any = !result.Buffer.IsEmpty;
        toSmsc.Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        return any;
    }

    private sealed class DuplexStream(Stream input, Stream output) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => output.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            input.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            output.WriteAsync(buffer, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
                output.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
