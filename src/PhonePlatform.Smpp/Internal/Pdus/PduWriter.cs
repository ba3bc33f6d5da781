using System.Buffers.Binary;
using System.Text;

namespace PhonePlatform.Smpp.Internal.Pdus;

/// <summary>Writes SMPP 3.4 §3.1 parameter types into a span sized beforehand by the PDU.</summary>
internal ref struct PduWriter(Span<byte> buffer)
{
    private readonly Span<byte> buffer = buffer;
    private int position;

    public readonly int Written => position;

    public void WriteByte(byte value) => buffer[position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(buffer[position..], value);
        position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer[position..], value);
        position += 4;
    }

    /// <summary>SMPP 3.4 §3.1: the text followed by a NUL octet (an empty string is the single NUL).</summary>
    public void WriteCString(string value)
    {
        position += Encoding.Latin1.GetBytes(value, buffer[position..]);
        buffer[position++] = 0;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(buffer[position..]);
        position += value.Length;
    }

    public static int CStringSize(string value) => value.Length + 1;
}
