namespace PhonePlatform.Smpp;

/// <summary>
/// The outcome of <see cref="SmppClient.SubmitAsync"/>: the SMSC message id of every segment, or an error.
/// On error <see cref="MessageIds"/> holds the ids of the segments that were accepted, in segment order.
/// </summary>
public sealed record SubmitResult(IReadOnlyList<string> MessageIds, SubmitError? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>The id of the first segment: the one delivery receipts of a single-segment message refer to.</summary>
    public string? MessageId => MessageIds.Count > 0 ? MessageIds[0] : null;
}
