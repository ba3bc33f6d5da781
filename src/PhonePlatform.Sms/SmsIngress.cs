using System.Threading.Channels;
using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>A delivery receipt and the configured carrier it came from (carrier message ids are unique per carrier only).</summary>
public sealed record CarrierReceipt(string Carrier, DeliveryReceipt Receipt);

/// <summary>
/// Hand-off from carrier read loops to the ingress worker: receipts and inbound messages are queued here so the
/// carrier's connection is never blocked on the database.
/// </summary>
public sealed class SmsIngress
{
    public Channel<CarrierReceipt> Receipts { get; } = Channel.CreateUnbounded<CarrierReceipt>(new UnboundedChannelOptions { SingleReader = false });

    public Channel<InboundMessage> Inbound { get; } = Channel.CreateUnbounded<InboundMessage>(new UnboundedChannelOptions { SingleReader = true });
}
