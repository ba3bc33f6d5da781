using System.Text;

namespace PhonePlatform.Sip;

/// <summary>
/// One header field line. The value stays as the received UTF-8 bytes (a slice of the message buffer) until a caller
/// asks for it as a string, so parsing a message allocates little.
/// </summary>
public readonly struct SipHeaderField
{
    public SipHeaderField(string name, ReadOnlyMemory<byte> rawValue)
    {
        Name = name;
        RawValue = rawValue;
    }

    public SipHeaderField(string name, string value)
        : this(name, Encoding.UTF8.GetBytes(value))
    {
    }

    /// <summary>Canonical header name (compact forms expanded).</summary>
    public string Name { get; }

    public ReadOnlyMemory<byte> RawValue { get; }

    public string Value => Encoding.UTF8.GetString(RawValue.Span);

    public override string ToString() => $"{Name}: {Value}";
}
