namespace PhonePlatform.Sip;

/// <summary>Limits applied while parsing untrusted input.</summary>
public sealed record SipParserOptions
{
    public static SipParserOptions Default { get; } = new();

    /// <summary>Largest accepted message, start line to end of body. Bigger input is refused before it is copied.</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>When true, the header fields the RFC 3261 core relies on are parsed and checked (§8.1.1, §8.2).</summary>
    public bool Validate { get; init; } = true;
}
