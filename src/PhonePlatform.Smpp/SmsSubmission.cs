namespace PhonePlatform.Smpp;

/// <summary>One text message to submit; it becomes one submit_sm per segment (see <see cref="SmsEncoder"/>).</summary>
public sealed record SmsSubmission(SmppAddress Source, SmppAddress Destination, string Text)
{
    /// <summary>SMPP 3.4 §5.2.17 registered_delivery 0x01: ask the SMSC for a receipt on final outcome.</summary>
    public bool RequestDeliveryReceipt { get; init; } = true;

    /// <summary>SMPP 3.4 §5.2.11 service_type; empty means the SMSC default.</summary>
    public string ServiceType { get; init; } = string.Empty;

    /// <summary>
    /// The sender's stable reference of this message (e.g. its database id), sent as the vendor TLV 0x1500 on every
    /// segment (<c>reference</c>, or <c>reference/n</c> for part n of a long message), at most 60 characters. The same
    /// submission retried after an unknown outcome carries the same references, so an SMSC that deduplicates by them
    /// answers with the first message ids instead of delivering twice.
    /// </summary>
    public string? ClientReference { get; init; }
}
