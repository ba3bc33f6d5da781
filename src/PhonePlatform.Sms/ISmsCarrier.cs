using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>A route to the mobile network. Receipts and inbound messages arrive through <see cref="SmsIngress"/>.</summary>
public interface ISmsCarrier
{
    /// <summary>
    /// Whether the carrier can take a submission now (an SMPP link is bound). <see cref="SmsCarrierRouter"/> skips a
    /// carrier that is not available and fails over to the next one.
    /// </summary>
    bool IsAvailable => true;

    Task<SubmitResult> SubmitAsync(SmsSubmission submission, CancellationToken cancellationToken);
}
