using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Threading.Channels;
using PhonePlatform.Smpp.Internal.Pdus;

namespace PhonePlatform.Smpp.Internal.Session;

/// <summary>
/// One SMPP connection: frames PDUs with System.IO.Pipelines (command_length first, bounded by
/// <see cref="SmppClientOptions.MaxPduSize"/>), keeps a window of requests in flight matched to their responses by
/// sequence_number, answers the SMSC's requests, and sends enquire_link when the link is idle.
/// Everything read from the wire is decoded without exceptions; a framing error closes the link.
/// </summary>
internal sealed class SmppSession : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly PipeReader reader;
    private readonly PipeWriter writer;
    private readonly SmppClientOptions options;
    private readonly TimeProvider time;
    private readonly Func<DeliverSmPdu, ValueTask<CommandStatus>> onDeliverSm;
    private readonly Channel<Pdu> outbound = Channel.CreateUnbounded<Pdu>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<Pdu>> pending = new();
    private readonly SemaphoreSlim window;
    private readonly CancellationTokenSource lifetime = new();
    private readonly TaskCompletionSource<string> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long sequence;
    private long lastReceived;
    private string? closeReason;
    private Task readLoop = Task.CompletedTask;
    private Task writeLoop = Task.CompletedTask;
    private Task keepAliveLoop = Task.CompletedTask;

    public SmppSession(Stream stream, SmppClientOptions options, TimeProvider time, Func<DeliverSmPdu, ValueTask<CommandStatus>> onDeliverSm)
    {
        this.stream = stream;
        this.options = options;
        this.time = time;
        this.onDeliverSm = onDeliverSm;
        reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        window = new SemaphoreSlim(options.WindowSize, options.WindowSize);
        lastReceived = time.GetTimestamp();
    }

    /// <summary>Completes with the reason once the link is gone; every request in flight has failed by then.</summary>
    public Task<string> Closed => closed.Task;

    public bool IsClosed => lifetime.IsCancellationRequested;

    public void Start()
    {
        readLoop = ReadLoopAsync();
        writeLoop = WriteLoopAsync();
    }

    /// <summary>Starts the idle check once bound (SMPP 3.4 §4.11: enquire_link is allowed in any bound state).</summary>
    public void StartKeepAlive() => keepAliveLoop = KeepAliveLoopAsync();

    /// <summary>
    /// Sends a request and waits for the response with the same sequence_number (SMPP 3.4 §3.2), at most
    /// <see cref="SmppClientOptions.RequestTimeout"/>. Windowed requests wait for a free slot first.
    /// </summary>
    /// <exception cref="TimeoutException">No response in time.</exception>
    /// <exception cref="SmppLinkException">The link closed.</exception>
    /// <exception cref="MalformedPduException">The response did not decode.</exception>
    public async Task<Pdu> RequestAsync(Pdu request, bool windowed, CancellationToken cancellationToken)
    {
        if (windowed)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.Token);
            try
            {
                await window.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SmppLinkException(closeReason ?? "link closed", wasSent: false);
            }
        }

        try
        {
            return await SendAndAwaitAsync(request, cancellationToken);
        }
        finally
        {
            if (windowed)
            {
                window.Release();
            }
        }
    }

    /// <summary>SMPP 3.4 §4.2: unbind, wait for unbind_resp (bounded), then close.</summary>
    public async Task UnbindAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RequestAsync(HeaderOnlyPdu.Unbind(0), windowed: false, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or SmppLinkException or MalformedPduException or OperationCanceledException)
        {
            // The link closes below either way.
        }

        Close("unbound");
    }

    public void Close(string reason)
    {
        closeReason ??= reason;
        if (!closed.TrySetResult(closeReason))
        {
            return;
        }

        lifetime.Cancel();
        outbound.Writer.TryComplete();
        foreach (var sequenceNumber in pending.Keys)
        {
            if (pending.TryRemove(sequenceNumber, out var waiter))
            {
                waiter.TrySetException(new SmppLinkException(closeReason, wasSent: true));
            }
        }

        stream.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Close("disposed");
        await Task.WhenAll(readLoop, writeLoop, keepAliveLoop);
        await reader.CompleteAsync();
        try
        {
            await writer.CompleteAsync();
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException)
        {
            // Close() already disposed the stream; bytes still buffered in the writer (an unbind_resp racing the
            // SMSC's own close) have nowhere to go, and the link is being torn down anyway.
        }

        lifetime.Dispose();
    }

    private async Task<Pdu> SendAndAwaitAsync(Pdu request, CancellationToken cancellationToken)
    {
        var sequenceNumber = NextSequenceNumber();
        request.SequenceNumber = sequenceNumber;
        var waiter = new TaskCompletionSource<Pdu>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[sequenceNumber] = waiter;

        // Close() cancels before it fails the pending requests: checking afterwards closes the race with it.
        if (lifetime.IsCancellationRequested || !outbound.Writer.TryWrite(request))
        {
            pending.TryRemove(sequenceNumber, out _);
            throw new SmppLinkException(closeReason ?? "link closed", wasSent: false);
        }

        try
        {
            return await waiter.Task.WaitAsync(options.RequestTimeout, time, cancellationToken);
        }
        finally
        {
            pending.TryRemove(sequenceNumber, out _);
        }
    }

    // SMPP 3.4 §3.2: sequence_number ranges from 0x00000001 to 0x7FFFFFFF.
    private uint NextSequenceNumber() => (uint)(((Interlocked.Increment(ref sequence) - 1) % 0x7FFFFFFF) + 1);

    private async Task ReadLoopAsync()
    {
        var reason = "connection closed by the SMSC";
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(lifetime.Token);
                var buffer = result.Buffer;
                var framing = TakeFrames(ref buffer);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (framing is not null)
                {
                    // The write loop sends the queued generic_nack, then closes the link.
                    closeReason ??= framing;
                    outbound.Writer.TryComplete();
                    return;
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = closeReason ?? "closed";
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            reason = closeReason ?? $"read failed: {exception.Message}";
        }

        Close(reason);
    }

    /// <summary>Dispatches every complete frame; returns a reason when the stream can no longer be framed.</summary>
    private string? TakeFrames(ref ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[4];
        while (buffer.Length >= 4)
        {
            buffer.Slice(0, 4).CopyTo(header);
            var length = PduCodec.ReadCommandLength(header);

            // SMPP 3.4 §3.2: command_length covers the whole PDU, header included. A length we cannot trust leaves
            // no way to find the next PDU: answer generic_nack ESME_RINVCMDLEN and close.
            if (length < PduCodec.HeaderLength || length > (uint)options.MaxPduSize)
            {
                var sequenceNumber = 0u;
                if (buffer.Length >= PduCodec.HeaderLength)
                {
                    Span<byte> fullHeader = stackalloc byte[PduCodec.HeaderLength];
                    buffer.Slice(0, PduCodec.HeaderLength).CopyTo(fullHeader);
                    sequenceNumber = PduCodec.ReadCommandLength(fullHeader[12..]);
                }

                Enqueue(HeaderOnlyPdu.GenericNack(sequenceNumber, CommandStatus.InvalidCommandLength));
                buffer = buffer.Slice(buffer.End);
                return $"invalid command_length {length}";
            }

            if (buffer.Length < length)
            {
                return null;
            }

            var frame = buffer.Slice(0, length);
            if (frame.IsSingleSegment)
            {
                Dispatch(frame.FirstSpan);
            }
            else
            {
                var rented = ArrayPool<byte>.Shared.Rent((int)length);
                frame.CopyTo(rented);
                Dispatch(rented.AsSpan(0, (int)length));
                ArrayPool<byte>.Shared.Return(rented);
            }

            buffer = buffer.Slice(length);
        }

        return null;
    }

    private void Dispatch(ReadOnlySpan<byte> frame)
    {
        Interlocked.Exchange(ref lastReceived, time.GetTimestamp());
        var result = PduCodec.Decode(frame);
        if (CommandIds.IsResponse(result.CommandId))
        {
            if (pending.TryRemove(result.SequenceNumber, out var waiter))
            {
                if (result.Pdu is null)
                {
                    waiter.TrySetException(new MalformedPduException(result.Error));
                }
                else
                {
                    waiter.TrySetResult(result.Pdu);
                }
            }

            return;
        }

        if (result.Pdu is null)
        {
            // SMPP 3.4 §4.3: generic_nack for an unknown command_id or a bad length; a known request with a bad body
            // gets its own response carrying the error (§4.6.2 deliver_sm_resp).
            Enqueue(result.CommandId == (uint)CommandId.DeliverSm
                ? MessageIdRespPdu.DeliverSmResp(result.SequenceNumber, result.Error)
                : HeaderOnlyPdu.GenericNack(result.SequenceNumber, result.Error));
            return;
        }

        switch (result.Pdu.CommandId)
        {
            case CommandId.EnquireLink:
                Enqueue(HeaderOnlyPdu.EnquireLinkResp(result.SequenceNumber));
                break;
            case CommandId.Unbind:
                // SMPP 3.4 §4.2: answer unbind_resp, then the SMSC closes; the write loop flushes and closes.
                Enqueue(HeaderOnlyPdu.UnbindResp(result.SequenceNumber));
                closeReason ??= "unbind from the SMSC";
                outbound.Writer.TryComplete();
                break;
            case CommandId.DeliverSm:
                // The response goes out when the handler has stored the message (the read loop does not wait for it:
                // responses may follow in any order, SMPP 3.4 §2.6), so an acknowledged deliver_sm is never lost.
                var handled = onDeliverSm((DeliverSmPdu)result.Pdu);
                if (handled.IsCompletedSuccessfully)
                {
                    Enqueue(MessageIdRespPdu.DeliverSmResp(result.SequenceNumber, handled.Result));
                }
                else
                {
                    _ = RespondWhenHandledAsync(result.SequenceNumber, handled);
                }

                break;
            default:
                // A request an ESME never receives in a transceiver bind (bind, submit_sm).
                Enqueue(HeaderOnlyPdu.GenericNack(result.SequenceNumber, CommandStatus.InvalidCommandId));
                break;
        }
    }

    private void Enqueue(Pdu pdu) => outbound.Writer.TryWrite(pdu);

    private async Task RespondWhenHandledAsync(uint sequenceNumber, ValueTask<CommandStatus> handled)
    {
        CommandStatus status;
        try
        {
            status = await handled;
        }
#pragma warning disable CA1031 // A failing handler must not kill the link: the SMSC is told to redeliver instead.
        catch (Exception)
#pragma warning restore CA1031
        {
            // SMPP 3.4 §5.1.3 ESME_RX_T_APPN: temporary application error, the SMSC retries later.
            status = CommandStatus.TemporaryApplicationError;
        }

        Enqueue(MessageIdRespPdu.DeliverSmResp(sequenceNumber, status));
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await outbound.Reader.WaitToReadAsync(lifetime.Token))
            {
                while (outbound.Reader.TryRead(out var pdu))
                {
                    PduCodec.Encode(pdu, writer);
                }

                var flush = await writer.FlushAsync(lifetime.Token);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            closeReason ??= $"write failed: {exception.Message}";
        }

        Close(closeReason ?? "closed");
    }

    private async Task KeepAliveLoopAsync()
    {
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                var idle = time.GetElapsedTime(Interlocked.Read(ref lastReceived));
                if (idle < options.EnquireLinkInterval)
                {
                    await Task.Delay(options.EnquireLinkInterval - idle, time, lifetime.Token);
                    continue;
                }

                // SMPP 3.4 §4.11: enquire_link checks the link; no enquire_link_resp in time means it is dead.
                await RequestAsync(HeaderOnlyPdu.EnquireLink(0), windowed: false, lifetime.Token);
            }
        }
        catch (TimeoutException)
        {
            Close("enquire_link unanswered");
        }
        catch (Exception exception) when (exception is OperationCanceledException or SmppLinkException or MalformedPduException)
        {
            Close(closeReason ?? $"enquire_link failed: {exception.Message}");
        }
    }
}
