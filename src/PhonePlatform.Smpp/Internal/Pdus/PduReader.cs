using System.Buffers.Binary;
using System.Text;

namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>
/// Reads SMPP 3.4 §3.1 parameter types (Integer, C-Octet String, Octet String) from a bounded span.
/// Every read reports failure instead of throwing, so hostile input never escapes as an exception.
/// </summary>
internal ref struct PduReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> buffer = buffer;
    private int position;

    public readonly int Remaining => buffer.Length - position;

    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }

        value = buffer[position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(buffer[position..]);
        position += 2;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(buffer[position..]);
        position += 4;
        return true;
    }

    /// <summary>
    /// SMPP 3.4 §3.1: a C-Octet String is terminated by NUL; <paramref name="maxLength"/> is the specification's
    /// "Var. max" size, which includes the NUL. A missing NUL within that bound is a malformed field.
    /// </summary>
    public bool TryReadCString(int maxLength, out string value)
    {
        var window = buffer.Slice(position, Math.Min(Remaining, maxLength));
        var nul = window.IndexOf((byte)0);
        if (nul < 0)
        {
            value = string.Empty;
            return false;
        }

        value = nul == 0 ? string.Empty : Encoding.Latin1.GetString(window[..nul]);
        position += nul + 1;
        return true;
    }

    public bool TryReadBytes(int length, out ReadOnlySpan<byte> value)
    {
        if (length < 0 || Remaining < length)
        {
            value = default;
            return false;
        }

        value = buffer.Slice(position, length);
        position += length;
        return true;
    }
}
