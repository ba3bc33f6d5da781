using System.Threading.Channels;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>A delivery receipt and the configured carrier it came from (carrier message ids are unique per carrier only).</summary>
public sealed record CarrierReceipt(string Carrier, DeliveryReceipt Receipt);

/// <summary>An item handed to the ingress worker and the promise that it was stored (or deliberately dropped).</summary>
public sealed record IngressItem<T>(T Value)
{
    private readonly TaskCompletionSource stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the item is stored (or dropped as unknown); faults when storing failed.</summary>
    public Task Stored => stored.Task;

    public void MarkStored() => stored.TrySetResult();

    public void MarkFailed(Exception exception) => stored.TrySetException(exception);
}

/// <summary>
/// Hand-off from carrier read loops to the ingress worker: receipts and inbound messages are queued here so the
/// carrier's connection is never blocked on the database, and <see cref="StoreAsync(CarrierReceipt)"/> completes
/// only once the worker has stored the item, so the carrier acknowledges (deliver_sm_resp) nothing it could lose.
/// </summary>
public sealed class SmsIngress
{
    public Channel<IngressItem<CarrierReceipt>> Receipts { get; } =
        Channel.CreateUnbounded<IngressItem<CarrierReceipt>>(new UnboundedChannelOptions { SingleReader = false });

    public Channel<IngressItem<InboundMessage>> Inbound { get; } =
        Channel.CreateUnbounded<IngressItem<InboundMessage>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a receipt; completes when it has been applied (or found to match no message).</summary>
    public Task StoreAsync(CarrierReceipt receipt) => Queue(Receipts, receipt);

    /// <summary>Queues an inbound message or part; completes when the message (all its parts) is stored.</summary>
    public Task StoreAsync(InboundMessage message) => Queue(Inbound, message);

    private static Task Queue<T>(Channel<IngressItem<T>> channel, T value)
    {
        var item = new IngressItem<T>(value);
        return channel.Writer.TryWrite(item) ? item.Stored : Task.FromException(new InvalidOperationException("SMS ingress is closed."));
    }
}
