namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// RFC 3711 §3.3.2: a sliding window of the last 128 packet indices. Bit k of the mask records
/// whether index (highest - k) has been received and authenticated.
/// </summary>
internal struct ReplayWindow
{
    public const int Size = 128;

    private UInt128 mask;
    private ulong highest;
    private bool any;

    /// <summary>True when <paramref name="index"/> is new and within the window.</summary>
    public readonly bool IsAcceptable(ulong index)
    {
        if (!any || index > highest)
        {
            return true;
        }

        var delta = highest - index;
        return delta < Size && (mask & (UInt128.One << (int)delta)) == UInt128.Zero;
    }

    /// <summary>Records an authenticated index; call only after <see cref="IsAcceptable"/> returned true.</summary>
    public void Accept(ulong index)
    {
        if (!any)
        {
            any = true;
            highest = index;
            mask = UInt128.One;
            return;
        }

        if (index > highest)
        {
            var shift = index - highest;
            mask = shift >= Size ? UInt128.One : (mask << (int)shift) | UInt128.One;
            highest = index;
        }
        else
        {
            mask |= UInt128.One << (int)(highest - index);
        }
    }
}
