namespace PhonePlatform.Sip;

public enum SipParseStatus
{
    Success,

    /// <summary>Syntactically broken; <see cref="SipParseResult.Message"/> may hold the part that parsed, enough to answer 400.</summary>
    Malformed,

    /// <summary>Above <see cref="SipParserOptions.MaxMessageSize"/>: nothing was parsed.</summary>
    TooLarge,

    /// <summary>A SIP version other than 2.0 (answered with 505, RFC 3261 §8.2.2… in spirit of §21.5.25).</summary>
    VersionNotSupported,
}

/// <summary>The outcome of parsing one message. Parsing never throws on input.</summary>
public readonly record struct SipParseResult(SipParseStatus Status, SipMessage? Message, string? Error)
{
    public bool IsSuccess => Status == SipParseStatus.Success;

    /// <summary>The status code to answer a request that failed to parse with, when an answer is possible.</summary>
    public int ErrorStatusCode => Status switch
    {
        SipParseStatus.VersionNotSupported => 505,
        SipParseStatus.TooLarge => 513,
        _ => 400,
    };
}
