using PhonePlatform.Smpp;

namespace PhonePlatform.Sms;

/// <summary>A route to the mobile network. Receipts and inbound messages arrive through <see cref="SmsIngress"/>.</summary>
public interface ISmsCarrier
{
    Task<SubmitResult> SubmitAsync(SmsSubmission submission, CancellationToken cancellationToken);
}
