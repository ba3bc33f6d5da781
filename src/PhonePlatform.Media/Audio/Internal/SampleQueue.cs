namespace PhonePlatform.Media.Audio.Internal;

/// <summary>A bounded FIFO of 16-bit samples (one recorder channel's backlog).</summary>
internal sealed class SampleQueue
{
    private readonly short[] buffer;
    private int start;

    public SampleQueue(int capacity) => buffer = new short[capacity];

    public int Count { get; private set; }

    public int Capacity => buffer.Length;

    /// <summary>Appends what fits; returns how many samples were appended.</summary>
    public int Append(ReadOnlySpan<short> samples)
    {
        Compact();
        var count = Math.Min(samples.Length, buffer.Length - Count);
        samples[..count].CopyTo(buffer.AsSpan(Count));
        Count += count;
        return count;
    }

    public int AppendSilence(int samples)
    {
        Compact();
        var count = Math.Min(samples, buffer.Length - Count);
        buffer.AsSpan(Count, count).Clear();
        Count += count;
        return count;
    }

    public ReadOnlySpan<short> Peek(int count) => buffer.AsSpan(start, count);

    public void Drop(int count)
    {
        start += count;
        Count -= count;
    }

    private void Compact()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, Count).CopyTo(buffer);
            start = 0;
        }
    }
}
