namespace PhonePlatform.Media.Srtp.Internal;

/// <summary>
/// RFC 3711 §3.3.1 and Appendix A: the rollover counter (ROC) and highest sequence number s_l of one
/// SRTP stream, and the estimate of a packet's 48-bit index i = 2^16 * v + SEQ.
/// </summary>
internal struct RolloverCounter
{
    private uint roc;
    private ushort highestSequence;
    private bool initialized;

    public readonly uint Value => roc;

    /// <summary>Appendix A: the index of a packet with sequence number <paramref name="sequence"/>.</summary>
    public readonly ulong EstimateIndex(ushort sequence)
    {
        if (!initialized)
        {
            return sequence;
        }

        long v = roc;
        if (highestSequence < 32768)
        {
            if (sequence - highestSequence > 32768)
            {
                v = roc - 1L;
            }
        }
        else if (highestSequence - 32768 > sequence)
        {
            v = roc + 1L;
        }

        // Before the first rollover a "previous ROC" does not exist: the packet is simply old.
        if (v < 0)
        {
            v = 0;
        }

        return ((ulong)(uint)v << 16) | sequence;
    }

    /// <summary>§3.3.1: update ROC and s_l once the packet with <paramref name="index"/> is authenticated.</summary>
    public void Update(ulong index)
    {
        var v = (uint)(index >> 16);
        var sequence = (ushort)index;
        if (!initialized)
        {
            initialized = true;
            roc = v;
            highestSequence = sequence;
            return;
        }

        if (v > roc)
        {
            roc = v;
            highestSequence = sequence;
        }
        else if (v == roc && sequence > highestSequence)
        {
            highestSequence = sequence;
        }
    }
}
