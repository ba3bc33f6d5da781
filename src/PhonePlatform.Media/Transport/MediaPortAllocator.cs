namespace PhonePlatform.Media.Transport;

/// <summary>
/// Hands out UDP ports for call legs from a configured range: even ports (RTP convention, RFC 3550 §11), the
/// odd one above kept free for RTCP of legs without rtcp-mux. Round-robin, so a just-released port is not reused
/// at once (late packets of the old call would land in the new one). Thread-safe.
/// </summary>
public sealed class MediaPortAllocator
{
    private readonly object gate = new();
    private readonly HashSet<int> inUse = [];
    private readonly int first;
    private readonly int last;
    private int next;

    /// <summary>Creates an allocator for <paramref name="first"/>..<paramref name="last"/> inclusive.</summary>
    public MediaPortAllocator(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first + 1);
        this.first = first + (first & 1);
        this.last = last;
        next = this.first;
    }

    /// <summary>How many ports the range holds.</summary>
    public int Capacity => ((last - first) / 2) + 1;

    /// <summary>Ports handed out and not yet released.</summary>
    public int InUse
    {
        get
        {
            lock (gate)
            {
                return inUse.Count;
            }
        }
    }

    /// <summary>Takes the next free even port; false when all are in use.</summary>
    public bool TryAllocate(out int port)
    {
        lock (gate)
        {
            var slots = ((last - first) / 2) + 1;
            for (var i = 0; i < slots; i++)
            {
                var candidate = next;
                next = next + 2 > last ? first : next + 2;
                if (inUse.Add(candidate))
                {
                    port = candidate;
                    return true;
                }
            }
        }

        port = 0;
        return false;
    }

    /// <summary>Gives a port back.</summary>
    public void Release(int port)
    {
        lock (gate)
        {
            inUse.Remove(port);
        }
    }
}
