using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using PhonePlatform.Smpp.Internal;
using PhonePlatform.Smpp.Internal.Pdus;
using PhonePlatform.Smpp.Internal.Session;

namespace PhonePlatform.Smpp;

/// <summary>
/// An SMPP 3.4 ESME bound as transceiver (§4.1.5) to one SMSC account: submits messages, raises events for
/// inbound messages, delivery receipts and link changes, and keeps the link up (enquire_link, reconnect with
/// exponential backoff and re-bind). Thread-safe: many <see cref="SubmitAsync"/> calls may run at once, up to the
/// window in flight.
/// </summary>
public sealed class SmppClient : IAsyncDisposable
{
    /// <summary>SMPP 3.4 §5.2.12 esm_class bit 6: short_message starts with a user data header.</summary>
    private const byte EsmClassUdhIndicator = 0x40;

    /// <summary>SMPP 3.4 §5.2.12 esm_class bits 5-2 = 0001: SMSC delivery receipt.</summary>
    private const byte EsmClassMessageTypeMask = 0x3C;
    private const byte EsmClassDeliveryReceipt = 0x04;

    private readonly SmppClientOptions options;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private TaskCompletionSource<SmppSession> bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SmppSession? session;
    private Task maintenance = Task.CompletedTask;
    private bool started;
    private int disposed;
    private int concatenationReference;
    private long throttledUntil;
    private TimeSpan throttleDelay;

    public SmppClient(SmppClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// A mobile-originated message arrived. Raised on the connection's read loop before deliver_sm_resp is sent:
    /// hand the message to durable storage or a queue quickly. If the handler throws, the SMSC gets
    /// ESME_RX_T_APPN and delivers again later.
    /// </summary>
    public event EventHandler<InboundMessage>? InboundMessageReceived;

    /// <summary>A delivery receipt arrived; same rules as <see cref="InboundMessageReceived"/>.</summary>
    public event EventHandler<DeliveryReceipt>? DeliveryReceiptReceived;

    /// <summary>
    /// Durable hand-off of inbound messages, called after <see cref="InboundMessageReceived"/>: deliver_sm_resp is sent
    /// only when the returned task completes (ESME_RX_T_APPN, so the SMSC delivers again, when it fails), so a
    /// message the SMSC saw acknowledged has been stored. Other deliver_sm keep being read meanwhile.
    /// </summary>
    public Func<InboundMessage, ValueTask>? StoreInboundMessage { get; set; }

    /// <summary>Durable hand-off of delivery receipts; same rules as <see cref="StoreInboundMessage"/>.</summary>
    public Func<DeliveryReceipt, ValueTask>? StoreDeliveryReceipt { get; set; }

    /// <summary>The link was bound or lost.</summary>
    public event EventHandler<LinkStateChangedEventArgs>? LinkStateChanged;

    public bool IsBound
    {
        get
        {
            lock (gate)
            {
                return session is { IsClosed: false };
            }
        }
    }

    /// <summary>
    /// Connects and binds once, then keeps the link up in the background until <see cref="StopAsync"/>.
    /// </summary>
    /// <exception cref="SmppBindException">The SMSC refused the bind (wrong credentials, ...).</exception>
    /// <exception cref="SocketException">The SMSC is unreachable.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (started)
            {
                throw new InvalidOperationException("The client is already started.");
            }

            started = true;
        }

        SmppSession first;
        try
        {
            first = await ConnectAndBindAsync(cancellationToken);
        }
        catch
        {
            lock (gate)
            {
                started = false;
            }

            throw;
        }

        SetBound(first);
        maintenance = MaintainLinkAsync(first);
    }

    /// <summary>
    /// Encodes <paramref name="submission"/> (<see cref="SmsEncoder"/>) and sends one submit_sm per segment
    /// (SMPP 3.4 §4.4.1; source/destination TON/NPI from the addresses, esm_class 0x40 with a UDH,
    /// registered_delivery 0x01 when a receipt is requested). ESME_RTHROTTLED is retried after an exponential pause
    /// shared by all submissions. Never throws for SMSC or link failures: they come back as <see cref="SubmitError"/>.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(SmsSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        IReadOnlyList<SmsSegment> segments;
        try
        {
            var reference = (byte)Interlocked.Increment(ref concatenationReference);
            segments = SmsEncoder.Encode(submission.Text, reference, options.Gsm7Packing);
        }
        catch (ArgumentException)
        {
            return new SubmitResult([], SubmitError.Invalid(CommandStatus.InvalidMessageLength));
        }

        var pdus = new SubmitSmPdu[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            pdus[i] = ToSubmitSm(submission, segments[i]);
            pdus[i].ClientReference = submission.ClientReference is null ? null
                : segments.Count == 1 ? submission.ClientReference
                : string.Create(CultureInfo.InvariantCulture, $"{submission.ClientReference}/{i + 1}");
            var invalid = pdus[i].Validate();
            if (invalid != CommandStatus.Ok)
            {
                return new SubmitResult([], SubmitError.Invalid(invalid));
            }
        }

        var outcomes = await Task.WhenAll(pdus.Select(pdu => SubmitSegmentAsync(pdu, cancellationToken)));
        var ids = outcomes.Where(outcome => outcome.MessageId is not null).Select(outcome => outcome.MessageId!).ToArray();
        var error = outcomes.Select(outcome => outcome.Error).FirstOrDefault(e => e is not null);
        return new SubmitResult(ids, error);
    }

    /// <summary>Unbinds (SMPP 3.4 §4.2) and stops reconnecting.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await stopping.CancelAsync();
        SmppSession? current;
        lock (gate)
        {
            current = session;
        }

        if (current is not null)
        {
            await current.UnbindAsync(cancellationToken);
        }

        await maintenance;
        if (current is not null)
        {
            await current.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None);
        stopping.Dispose();
    }

    private static SubmitSmPdu ToSubmitSm(SmsSubmission submission, SmsSegment segment) => new()
    {
        ServiceType = submission.ServiceType,
        SourceAddrTon = submission.Source.Ton,
        SourceAddrNpi = submission.Source.Npi,
        SourceAddr = submission.Source.Address,
        DestAddrTon = submission.Destination.Ton,
        DestAddrNpi = submission.Destination.Npi,
        DestinationAddr = submission.Destination.Address,
        EsmClass = segment.HasUserDataHeader ? EsmClassUdhIndicator : (byte)0,
        RegisteredDelivery = submission.RequestDeliveryReceipt ? (byte)1 : (byte)0,
        DataCoding = segment.DataCoding,
        ShortMessage = segment.ShortMessage,
    };

    private async Task<(string? MessageId, SubmitError? Error)> SubmitSegmentAsync(SubmitSmPdu pdu, CancellationToken cancellationToken)
    {
        var throttleRetries = 0;
        var unsentRetries = 0;
        while (true)
        {
            await WaitWhileThrottledAsync(cancellationToken);
            var current = await WaitForSessionAsync(cancellationToken);
            if (current is null)
            {
                return (null, SubmitError.NotBound);
            }

            Pdu response;
            try
            {
                response = await current.RequestAsync(pdu, windowed: true, cancellationToken);
            }
            catch (TimeoutException)
            {
                return (null, SubmitError.Timeout);
            }
            catch (SmppLinkException exception) when (!exception.WasSent && ++unsentRetries <= 3)
            {
                // Nothing went out on a link that was closing: wait for the next one.
                await Task.Yield();
                continue;
            }
            catch (SmppLinkException exception)
            {
                return (null, exception.WasSent ? SubmitError.ConnectionLost : SubmitError.NotBound);
            }
            catch (MalformedPduException exception)
            {
                return (null, new SubmitError(SubmitFailure.Rejected, exception.Status, CommandStatusInfo.Name(exception.Status), true, true));
            }

            if (response is MessageIdRespPdu { CommandStatus: CommandStatus.Ok } accepted)
            {
                OnAccepted();
                return (accepted.MessageId, null);
            }

            var status = response.CommandStatus == CommandStatus.Ok ? CommandStatus.SystemError : response.CommandStatus;
            if (status == CommandStatus.Throttled)
            {
                OnThrottled();
                if (throttleRetries++ < options.MaxThrottleRetries)
                {
                    continue;
                }
            }

            return (null, SubmitError.Rejected(status));
        }
    }

    private async Task WaitWhileThrottledAsync(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var until = Interlocked.Read(ref throttledUntil);
        if (until > now)
        {
            await Task.Delay(time.GetElapsedTime(now, until), time, cancellationToken);
        }
    }

    // SMPP 3.4 §5.1.3 ESME_RTHROTTLED: the ESME exceeded its allowed rate. All submissions pause; a throttle that
    // arrives after the pause has ended doubles the next pause, up to ThrottleMaxDelay.
    private void OnThrottled()
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            if (now < throttledUntil)
            {
                return;
            }

            throttleDelay = throttleDelay == TimeSpan.Zero
                ? options.ThrottleInitialDelay
                : TimeSpan.FromTicks(Math.Min(throttleDelay.Ticks * 2, options.ThrottleMaxDelay.Ticks));
            Interlocked.Exchange(ref throttledUntil, now + (long)(throttleDelay.TotalSeconds * time.TimestampFrequency));
        }
    }

    private void OnAccepted()
    {
        if (throttleDelay == TimeSpan.Zero)
        {
            return;
        }

        lock (gate)
        {
            if (time.GetTimestamp() >= throttledUntil)
            {
                throttleDelay = TimeSpan.Zero;
            }
        }
    }

    private async Task<SmppSession?> WaitForSessionAsync(CancellationToken cancellationToken)
    {
        Task<SmppSession> waiting;
        lock (gate)
        {
            waiting = bound.Task;
        }

        try
        {
            return await waiting.WaitAsync(options.RequestTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private void SetBound(SmppSession current)
    {
        lock (gate)
        {
            session = current;
            bound.TrySetResult(current);
        }

        RaiseLinkStateChanged(new LinkStateChangedEventArgs(true, $"bound to {options.Host}:{options.Port}"));
    }

    private void SetUnbound(string reason)
    {
        lock (gate)
        {
            session = null;
            if (bound.Task.IsCompleted)
            {
                bound = new TaskCompletionSource<SmppSession>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        RaiseLinkStateChanged(new LinkStateChangedEventArgs(false, reason));
    }

    private void RaiseLinkStateChanged(LinkStateChangedEventArgs change)
    {
        try
        {
            LinkStateChanged?.Invoke(this, change);
        }
#pragma warning disable CA1031 // A failing observer must not stop the reconnect loop that raised the event.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task MaintainLinkAsync(SmppSession first)
    {
        var current = first;
        while (true)
        {
            var reason = await current.Closed;
            SetUnbound(reason);
            await current.DisposeAsync();
            var next = await ReconnectAsync();
            if (next is null)
            {
                return;
            }

            current = next;
            SetBound(current);
        }
    }

    // Exponential backoff from ReconnectInitialDelay to ReconnectMaxDelay until bound again or stopped.
    private async Task<SmppSession?> ReconnectAsync()
    {
        var delay = options.ReconnectInitialDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, stopping.Token);
                return await ConnectAndBindAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return null;
            }
#pragma warning disable CA1031 // Whatever a reconnect attempt fails with, the loop must back off and try again, not die.
            catch (Exception)
#pragma warning restore CA1031
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconnectMaxDelay.Ticks));
            }
        }

        return null;
    }

    private async Task<SmppSession> ConnectAndBindAsync(CancellationToken cancellationToken)
    {
        var stream = await ConnectAsync(cancellationToken);
        var candidate = new SmppSession(stream, options, time, OnDeliverSm);
        candidate.Start();
        try
        {
            // SMPP 3.4 §4.1.5 bind_transceiver.
            var response = await candidate.RequestAsync(
                new BindPdu(CommandId.BindTransceiver)
                {
                    SystemId = options.SystemId,
                    Password = options.Password,
                    SystemType = options.SystemType,
                },
                windowed: false,
                cancellationToken);
            if (response.CommandStatus != CommandStatus.Ok || response.CommandId != CommandId.BindTransceiverResp)
            {
                throw new SmppBindException(response.CommandStatus == CommandStatus.Ok ? CommandStatus.BindFailed : response.CommandStatus);
            }
        }
        catch
        {
            await candidate.DisposeAsync();
            throw;
        }

        candidate.StartKeepAlive();
        return candidate;
    }

    private async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, linked.Token);
            stream = new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (!options.UseTls)
        {
            return stream;
        }

        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(options.TlsOptions ?? new SslClientAuthenticationOptions { TargetHost = options.Host }, linked.Token);
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }

        return tls;
    }

    private ValueTask<CommandStatus> OnDeliverSm(DeliverSmPdu pdu)
    {
        var hasUdh = (pdu.EsmClass & EsmClassUdhIndicator) != 0;

        // SMPP 3.4 §5.3.2.32: message_payload replaces short_message (then sm_length is 0).
        var payload = pdu.ShortMessage.Length == 0 && pdu.MessagePayload is not null ? pdu.MessagePayload : pdu.ShortMessage;
        var text = SmsEncoder.Decode(payload.Span, pdu.DataCoding, hasUdh, options.Gsm7Packing);
        try
        {
            ValueTask stored;
            if ((pdu.EsmClass & EsmClassMessageTypeMask) == EsmClassDeliveryReceipt)
            {
                var receipt = DeliveryReceiptParser.Parse(pdu, text);
                DeliveryReceiptReceived?.Invoke(this, receipt);
                stored = StoreDeliveryReceipt?.Invoke(receipt) ?? ValueTask.CompletedTask;
            }
            else
            {
                var inbound = new InboundMessage(
                    new SmppAddress(pdu.SourceAddr, pdu.SourceAddrTon, pdu.SourceAddrNpi),
                    new SmppAddress(pdu.DestinationAddr, pdu.DestAddrTon, pdu.DestAddrNpi),
                    text,
                    pdu.DataCoding,
                    payload,
                    hasUdh ? UserDataHeader.ReadConcatenation(payload.Span) : null);
                InboundMessageReceived?.Invoke(this, inbound);
                stored = StoreInboundMessage?.Invoke(inbound) ?? ValueTask.CompletedTask;
            }

            return stored.IsCompletedSuccessfully ? ValueTask.FromResult(CommandStatus.Ok) : AfterStoredAsync(stored);
        }
#pragma warning disable CA1031 // A failing handler must not kill the link: the SMSC is told to redeliver instead.
        catch (Exception)
#pragma warning restore CA1031
        {
            // SMPP 3.4 §5.1.3 ESME_RX_T_APPN: temporary application error, the SMSC retries later.
            return ValueTask.FromResult(CommandStatus.TemporaryApplicationError);
        }
    }

    private static async ValueTask<CommandStatus> AfterStoredAsync(ValueTask stored)
    {
        await stored;
        return CommandStatus.Ok;
    }
}
