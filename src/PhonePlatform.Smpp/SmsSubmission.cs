namespace PhonePlatform.Smpp;

/// <summary>One text message to submit; it becomes one submit_sm per segment (see <see cref="SmsEncoder"/>).</summary>
public sealed record SmsSubmission(SmppAddress Source, SmppAddress Destination, string Text)
{
    /// <summary>SMPP 3.4 §5.2.17 registered_delivery 0x01: ask the SMSC for a receipt on final outcome.</summary>
    public bool RequestDeliveryReceipt { get; init; } = true;

    /// <summary>SMPP 3.4 §5.2.11 service_type; empty means the SMSC default.</summary>
    public string ServiceType { get; init; } = string.Empty;
}
