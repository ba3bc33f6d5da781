namespace PhonePlatform.Media.Ice;

/// <summary>What an ICE-lite agent did with one received STUN datagram.</summary>
public enum IceCheckOutcome
{
    /// <summary>Not a well-formed STUN message, or not a request: dropped without an answer.</summary>
    Dropped,

    /// <summary>A valid connectivity check: answered with a success response.</summary>
    Answered,

    /// <summary>A valid check that carried USE-CANDIDATE: answered, and its source is now the nominated address.</summary>
    AnsweredAndNominated,

    /// <summary>A request with wrong credentials or integrity: answered with 400/401, source not trusted.</summary>
    Rejected,

    /// <summary>A request with an unknown comprehension-required attribute: answered with 420.</summary>
    UnknownAttribute,
}
