using PhonePlatform.Sip.Protection;
using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Sip;

public sealed record SipStackOptions
{
    public SipTimers Timers { get; init; } = SipTimers.Default;

    public SipParserOptions Parser { get; init; } = SipParserOptions.Default;

    public SipProtectionOptions Protection { get; init; } = new();

    /// <summary>Written as User-Agent into requests and Server into responses created by the stack.</summary>
    public string UserAgent { get; init; } = "PhonePlatform";
}
