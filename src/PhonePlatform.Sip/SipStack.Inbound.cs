using System.Net;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip;

/// <summary>The receive path: parse, protect, match transactions, hand new requests to the TU.</summary>
public sealed partial class SipStack
{
    async ValueTask ISipTransportReceiver.OnMessageAsync(SipTransport transport, SipEndPoint source, ReadOnlyMemory<byte> data)
    {
        var parsed = SipParser.Parse(data.Span, Options.Parser);
        if (!parsed.IsSuccess)
        {
            await OnUnparsableAsync(source, parsed);
            return;
        }

        switch (parsed.Message)
        {
            case SipRequest request:
                await OnRequestAsync(transport, source, request);
                break;
            case SipResponse response:
                await OnResponseAsync(source, response);
                break;
        }
    }

    /// <summary>
    /// Malformed input: a request whose headers allow an answer gets 400 (505 for a foreign version, RFC 3261 §8.2);
    /// anything else, and every malformed response, is dropped (§16.3, §18.1.2).
    /// </summary>
    private async ValueTask OnUnparsableAsync(SipEndPoint source, SipParseResult parsed)
    {
        MessageDropped?.Invoke(source, parsed.Error ?? parsed.Status.ToString());
        if (parsed.Message is not SipRequest partial || partial.Method == SipMethods.Ack
            || !rateLimiter.TryAcquire(source.Address.Address) || scannerDetector.IsScanner(partial)
            || partial.CallId is null || partial.TopVia is not { } via || partial.CSeq is null || partial.From is null || partial.To is null)
        {
            return;
        }

        var response = SipResponse.Create(partial, parsed.ErrorStatusCode, parsed.ErrorStatusCode == 400 ? "Bad Request - " + parsed.Error : null);
        await ((Internal.ITransactionHost)this).TrySendAsync(ResponseDestination(via, source), response);
    }

    private async ValueTask OnRequestAsync(SipTransport transport, SipEndPoint source, SipRequest request)
    {
        // A carrier sends every call of its customers from one address: only untrusted sources are limited.
        if (!rateLimiter.TryAcquire(source.Address.Address) && RequestHandler?.IsTrustedPeer(source) != true)
        {
            MessageDropped?.Invoke(source, "rate limited");
            return;
        }

        if (scannerDetector.IsScanner(request))
        {
            MessageDropped?.Invoke(source, "scanner");
            return;
        }

        var via = request.TopVia!;
        StampReceived(request, via, source);

        if (request.Method == SipMethods.Ack)
        {
            if (serverTransactions.TryGetValue(ServerKey(via, SipMethods.Invite), out var inviteTransaction))
            {
                inviteTransaction.OnAck();
                return;
            }

            // An ACK for a 2xx belongs to the TU (RFC 3261 §17.2.1 / §13.3.1.4).
            invite2xx.OnAck(request);
            if (RequestHandler is { } ackHandler)
            {
                _ = InvokeTuAsync(() => ackHandler.OnAckAsync(request, source));
            }

            return;
        }

        var key = ServerKey(via, request.Method);
        if (serverTransactions.TryGetValue(key, out var existing))
        {
            await existing.OnRetransmissionAsync();
            return;
        }

        if (request.Method == SipMethods.Invite && acceptedInvites.Contains(key))
        {
            // RFC 6026 §8.7: absorbed; the UAS core keeps retransmitting the 2xx until the ACK (§13.3.1.4).
            return;
        }

        if (ActiveTransactionCount >= Options.Protection.MaxTransactionsInFlight)
        {
            var busy = SipResponse.Create(request, 503);
            busy.Headers.Add(SipHeaderNames.RetryAfter, "5");
            await ((Internal.ITransactionHost)this).TrySendAsync(ResponseDestination(via, source), busy);
            MessageDropped?.Invoke(source, "transaction limit");
            return;
        }

        var transaction = new SipServerTransaction(this, request, ResponseDestination(via, source), transport, key);
        if (!serverTransactions.TryAdd(key, transaction))
        {
            return;
        }

        Interlocked.Increment(ref transactionCount);
        if (request.Method == SipMethods.Cancel)
        {
            await OnCancelAsync(transaction, via);
            return;
        }

        // RFC 3261 §8.2.2.1: a Request-URI scheme we do not understand is answered 416.
        if (request.RequestUri is { IsSip: false, Scheme: not "tel" })
        {
            await transaction.RespondAsync(transaction.CreateResponse(416));
            return;
        }

        if (transaction.IsInvite)
        {
            // RFC 3261 §17.2.1: a 100 Trying stops the client's INVITE retransmissions while the TU works.
            await transaction.RespondAsync(SipResponse.Create(request, 100));
        }

        if (RequestHandler is not { } handler)
        {
            await transaction.RespondAsync(transaction.CreateResponse(503));
            return;
        }

        // The TU runs detached from the receive loop: a slow handler (ringing a trunk) must not stall the transport.
        _ = InvokeTuAsync(() => handler.OnRequestAsync(transaction), transaction);
    }

    private void OnAckTimedOut(SipResponse unacknowledged)
    {
        AckTimedOut?.Invoke(unacknowledged);
        if (RequestHandler is { } handler)
        {
            _ = InvokeTuAsync(() => handler.OnAckTimedOutAsync(unacknowledged));
        }
    }

    private static async Task InvokeTuAsync(Func<ValueTask> call, SipServerTransaction? transaction = null)
    {
        try
        {
            await call();
        }
#pragma warning disable CA1031 // A failing TU must not take the stack down; the peer gets a 500 instead.
        catch (Exception)
#pragma warning restore CA1031
        {
            if (transaction is not null)
            {
                await transaction.RespondAsync(transaction.CreateResponse(500));
            }
        }
    }

    /// <summary>RFC 3261 §9.2: CANCEL is answered 200 when it matches a pending INVITE (which then gets 487), else 481.</summary>
    private async ValueTask OnCancelAsync(SipServerTransaction cancel, SipViaHeader via)
    {
        if (serverTransactions.TryGetValue(ServerKey(via, SipMethods.Invite), out var invite))
        {
            await cancel.RespondAsync(cancel.CreateResponse(200));
            await invite.CancelAsync();
            return;
        }

        await cancel.RespondAsync(cancel.CreateResponse(481));
    }

    private async ValueTask OnResponseAsync(SipEndPoint source, SipResponse response)
    {
        if (scannerDetector.IsScanner(response))
        {
            MessageDropped?.Invoke(source, "scanner");
            return;
        }

        // RFC 3261 §18.1.2: a response whose topmost Via we did not write is discarded; §17.1.3 matches branch + method.
        var via = response.TopVia;
        var cseq = response.CSeq!.Value;
        if (via?.Branch is { } branch && clientTransactions.TryGetValue(ClientKey(branch, cseq.Method), out var transaction))
        {
            await transaction.OnResponseAsync(response);
            return;
        }

        if (cseq.Method == SipMethods.Invite && response.IsSuccess && ackCache.TryFind(response, out var ack, out var destination))
        {
            await ((Internal.ITransactionHost)this).TrySendAsync(destination, ack);
        }

        StrayResponseReceived?.Invoke(response, source);
    }

    /// <summary>
    /// RFC 3261 §18.2.1 and RFC 3581 §4: the server records the source address in <c>received</c> and, when the client
    /// asked with an empty <c>rport</c>, the source port in <c>rport</c>.
    /// </summary>
    private static void StampReceived(SipRequest request, SipViaHeader via, SipEndPoint source)
    {
        var sourceAddress = source.Address.Address.ToString();
        var changed = false;
        if (!string.Equals(via.Host.Trim('[', ']'), sourceAddress, StringComparison.OrdinalIgnoreCase) || via.HasRport)
        {
            via.Received = sourceAddress;
            changed = true;
        }

        if (via.HasRport)
        {
            via.Rport = source.Address.Port;
            changed = true;
        }

        if (changed)
        {
            request.SetTopVia(via);
        }
    }

    /// <summary>
    /// RFC 3261 §18.2.2: reliable transports answer on the connection the request came in on; otherwise the response
    /// goes to <c>received</c> and, with RFC 3581 <c>rport</c>, to the source port.
    /// </summary>
    private static SipEndPoint ResponseDestination(SipViaHeader via, SipEndPoint source)
    {
        if (source.Transport.IsReliable() || via.HasRport)
        {
            return source;
        }

        var port = via.Port ?? 5060;
        var address = IPAddress.TryParse(via.Received, out var received) ? received : source.Address.Address;
        return source with { Address = new IPEndPoint(address, port) };
    }
}
