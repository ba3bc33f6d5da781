using System.Collections.Concurrent;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Internal;

/// <summary>
/// RFC 3261 §13.3.1.4: the UAS core retransmits a 2xx to INVITE starting at T1, doubling up to T2, until the ACK arrives
/// or 64*T1 passes (then the dialog should be ended with BYE; <see cref="AckTimedOut"/> reports it).
/// </summary>
internal sealed class Invite2xxRetransmitter(ITransactionHost host)
{
    private readonly ConcurrentDictionary<string, Entry> pending = new(StringComparer.Ordinal);

    public event Action<SipResponse>? AckTimedOut;

    public int Count => pending.Count;

    public void Start(SipServerTransaction transaction, SipResponse response)
    {
        var key = Key(transaction.Request.CallId, transaction.Request.CSeq?.Number);
        var entry = new Entry(transaction, response, host.Timers.T1, host.TimeProvider.GetTimestamp());
        if (!transaction.Source.Transport.IsReliable())
        {
            entry.Timer = host.TimeProvider.CreateTimer(_ => _ = OnTimerAsync(key), null, entry.Interval, Timeout.InfiniteTimeSpan);
        }
        else
        {
            entry.Timer = host.TimeProvider.CreateTimer(_ => Expire(key), null, host.Timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
        }

        pending[key] = entry;
    }

    /// <summary>Stops retransmitting; true when this ACK matched a pending 2xx.</summary>
    public bool OnAck(SipRequest ack)
    {
        if (pending.TryRemove(Key(ack.CallId, ack.CSeq?.Number), out var entry))
        {
            entry.Timer?.Dispose();
            return true;
        }

        return false;
    }

    private async Task OnTimerAsync(string key)
    {
        if (!pending.TryGetValue(key, out var entry))
        {
            return;
        }

        if (host.TimeProvider.GetElapsedTime(entry.Started) >= host.Timers.TransactionTimeout)
        {
            Expire(key);
            return;
        }

        entry.Interval = entry.Interval * 2 < host.Timers.T2 ? entry.Interval * 2 : host.Timers.T2;
        entry.Timer?.Change(entry.Interval, Timeout.InfiniteTimeSpan);
        await host.TrySendAsync(entry.Transaction.Source, entry.Response);
    }

    private void Expire(string key)
    {
        if (pending.TryRemove(key, out var entry))
        {
            entry.Timer?.Dispose();
            AckTimedOut?.Invoke(entry.Response);
        }
    }

    private static string Key(string? callId, uint? cseq) => $"{callId}|{cseq}";

    private sealed class Entry(SipServerTransaction transaction, SipResponse response, TimeSpan interval, long started)
    {
        public SipServerTransaction Transaction { get; } = transaction;

        public SipResponse Response { get; } = response;

        public TimeSpan Interval { get; set; } = interval;

        public long Started { get; } = started;

        public ITimer? Timer { get; set; }
    }
}
