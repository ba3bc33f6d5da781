namespace PhonePlatform.Smpp;

/// <summary>An SMPP address with its type of number (SMPP 3.4 §5.2.5) and numbering plan indicator (§5.2.6).</summary>
public sealed record SmppAddress(string Address, byte Ton, byte Npi)
{
    /// <summary>TON International (1), NPI ISDN/E.164 (1); the leading '+' is not sent.</summary>
    public static SmppAddress International(string e164)
    {
        ArgumentException.ThrowIfNullOrEmpty(e164);
        return new SmppAddress(e164.TrimStart('+'), 1, 1);
    }

    /// <summary>TON Alphanumeric (5), NPI Unknown (0), for sender names such as "Acme".</summary>
    public static SmppAddress Alphanumeric(string name) => new(name, 5, 0);
}
