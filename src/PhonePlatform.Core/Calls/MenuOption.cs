namespace PhonePlatform.Core.Calls;

/// <summary>One choice of a number's menu: a DTMF digit (RFC 4733 event 0-9, *, #) leading to a ring group or a number.</summary>
public sealed class MenuOption
{
    public required string Digit { get; set; }

    public string Label { get; set; } = "";

    /// <summary>Members whose devices ring in parallel (a ring group); empty when <see cref="ForwardTo"/> is set.</summary>
    public List<Guid> MembershipIds { get; set; } = [];

    /// <summary>An E.164 number the call is forwarded to; null for a ring group.</summary>
    public string? ForwardTo { get; set; }
}
