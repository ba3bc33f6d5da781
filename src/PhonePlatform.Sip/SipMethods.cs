namespace PhonePlatform.Sip;

/// <summary>Method names (RFC 3261 §7.1 and extensions). Methods are case-sensitive.</summary>
public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Update = "UPDATE";
    public const string Info = "INFO";
    public const string Prack = "PRACK";
    public const string Message = "MESSAGE";
    public const string Refer = "REFER";
    public const string Notify = "NOTIFY";
    public const string Subscribe = "SUBSCRIBE";

    /// <summary>Returns the shared string for a known method, so parsing allocates nothing for it.</summary>
    public static string Intern(ReadOnlySpan<char> method) => method switch
    {
        Invite => Invite,
        Ack => Ack,
        Bye => Bye,
        Cancel => Cancel,
        Options => Options,
        Register => Register,
        Update => Update,
        Info => Info,
        Prack => Prack,
        Message => Message,
        Refer => Refer,
        Notify => Notify,
        Subscribe => Subscribe,
        _ => method.ToString(),
    };

    public static string Intern(ReadOnlySpan<byte> method) => method switch
    {
        _ when method.SequenceEqual("INVITE"u8) => Invite,
        _ when method.SequenceEqual("ACK"u8) => Ack,
        _ when method.SequenceEqual("BYE"u8) => Bye,
        _ when method.SequenceEqual("CANCEL"u8) => Cancel,
        _ when method.SequenceEqual("OPTIONS"u8) => Options,
        _ when method.SequenceEqual("REGISTER"u8) => Register,
        _ when method.SequenceEqual("UPDATE"u8) => Update,
        _ => System.Text.Encoding.UTF8.GetString(method),
    };
}
