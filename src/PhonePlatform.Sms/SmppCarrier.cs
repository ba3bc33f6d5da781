using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>An SMPP 3.4 carrier: one <see cref="SmppClient"/> link whose receipts and inbound messages feed <see cref="SmsIngress"/>.</summary>
public sealed class SmppCarrier : ISmsCarrier, IAsyncDisposable
{
    private readonly SmppClient client;

    public SmppCarrier(SmppClientOptions options, SmsIngress ingress, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        client = new SmppClient(options, timeProvider);
        client.DeliveryReceiptReceived += (_, receipt) => ingress.Receipts.Writer.TryWrite(receipt);
        client.InboundMessageReceived += (_, message) => ingress.Inbound.Writer.TryWrite(message);
    }

    /// <summary>Connects and binds; throws <see cref="SmppBindException"/> when the SMSC refuses the account.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => client.StartAsync(cancellationToken);

    public Task<SubmitResult> SubmitAsync(SmsSubmission submission, CancellationToken cancellationToken) =>
        client.SubmitAsync(submission, cancellationToken);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
