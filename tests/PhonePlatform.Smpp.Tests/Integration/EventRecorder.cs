using System.Collections.Concurrent;

namespace PhonePlatform.Smpp.Tests.Integration;

/// <summary>Collects a client's events so tests can wait for them (bounded waits, no timing assertions).</summary>
internal sealed class EventRecorder
{
    public EventRecorder(SmppClient client)
    {
        client.InboundMessageReceived += (_, message) => Inbound.Enqueue(message);
        client.DeliveryReceiptReceived += (_, receipt) => Receipts.Enqueue(receipt);
        client.LinkStateChanged += (_, change) => Links.Enqueue(change);
    }

    public ConcurrentQueue<InboundMessage> Inbound { get; } = new();

    public ConcurrentQueue<DeliveryReceipt> Receipts { get; } = new();

    public ConcurrentQueue<LinkStateChangedEventArgs> Links { get; } = new();

    public int LinkUps => Links.Count(link => link.IsUp);

    public int LinkDowns => Links.Count(link => !link.IsUp);

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("never happened: " + what);
            }

            await Task.Delay(20);
        }
    }
}
