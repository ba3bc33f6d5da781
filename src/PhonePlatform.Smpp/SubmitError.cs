namespace PhonePlatform.Smpp;

/// <summary>
/// A typed submission error. <see cref="IsTransient"/> tells the caller to retry later; <see cref="OutcomeUnknown"/>
/// says the SMSC may already hold the message, so a retry can duplicate it (the caller's own reference shows it).
/// </summary>
public sealed record SubmitError(SubmitFailure Kind, CommandStatus Status, string StatusName, bool IsTransient, bool OutcomeUnknown)
{
    public static SubmitError Rejected(CommandStatus status) =>
        new(SubmitFailure.Rejected, status, CommandStatusInfo.Name(status), CommandStatusInfo.IsTransient(status), false);

    public static SubmitError Invalid(CommandStatus status) =>
        new(SubmitFailure.Invalid, status, CommandStatusInfo.Name(status), false, false);

    public static readonly SubmitError Timeout = new(SubmitFailure.Timeout, CommandStatus.UnknownError, "TIMEOUT", true, true);

    public static readonly SubmitError ConnectionLost =
        new(SubmitFailure.ConnectionLost, CommandStatus.UnknownError, "CONNECTION_LOST", true, true);

    public static readonly SubmitError NotBound = new(SubmitFailure.NotBound, CommandStatus.UnknownError, "NOT_BOUND", true, false);
}
