namespace PhonePlatform.Smpp;

/// <summary>Why a submission did not get a message id.</summary>
public enum SubmitFailure
{
    /// <summary>The SMSC answered with a non-zero command_status (see <see cref="SubmitError.Status"/>).</summary>
    Rejected,

    /// <summary>No response within the request timeout: the SMSC may or may not have accepted it.</summary>
    Timeout,

    /// <summary>The link went down with the request in flight: the SMSC may or may not have accepted it.</summary>
    ConnectionLost,

    /// <summary>No bound link within the request timeout: nothing was sent.</summary>
    NotBound,

    /// <summary>The message cannot be encoded or a field exceeds SMPP limits: nothing was sent.</summary>
    Invalid,
}
