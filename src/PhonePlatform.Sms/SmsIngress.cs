using System.Threading.Channels;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>
/// Hand-off from carrier read loops to the ingress worker: receipts and inbound messages are queued here so the
/// carrier's connection is never blocked on the database.
/// </summary>
public sealed class SmsIngress
{
    public Channel<DeliveryReceipt> Receipts { get; } = Channel.CreateUnbounded<DeliveryReceipt>(new UnboundedChannelOptions { SingleReader = false });

    public Channel<InboundMessage> Inbound { get; } = Channel.CreateUnbounded<InboundMessage>(new UnboundedChannelOptions { SingleReader = true });
}
