using System.Net;
using System.Runtime.InteropServices;

namespace PhonePlatform.Media.Transport.Internal;

/// <summary>
/// Datagrams queued on a receive thread and sent with one sendmmsg per socket when the thread finishes its batch of
/// received datagrams (or when the queue is full). Only for sockets that outlive the receive thread's iteration
/// (the multiplexed ports): a queued descriptor must still be the same socket when the batch is flushed.
/// </summary>
internal sealed class SendBatch
{
    private const int Capacity = 64;

    [ThreadStatic]
    private static SendBatch? current;

    private readonly LinuxSockets.MultiMessageHeader[] queued = new LinuxSockets.MultiMessageHeader[Capacity];
    private readonly LinuxSockets.MultiMessageHeader[] outgoing = GC.AllocateArray<LinuxSockets.MultiMessageHeader>(Capacity, pinned: true);
    private readonly LinuxSockets.IoVector[] vectors = GC.AllocateArray<LinuxSockets.IoVector>(Capacity, pinned: true);
    private readonly byte[] names = GC.AllocateArray<byte>(Capacity * LinuxSockets.SockaddrStorage, pinned: true);
    private readonly byte[][] buffers = new byte[Capacity][];
    private readonly int[] descriptors = new int[Capacity];
    private readonly bool[] sent = new bool[Capacity];
    private int count;

    private SendBatch()
    {
        for (var i = 0; i < Capacity; i++)
        {
            buffers[i] = GC.AllocateArray<byte>(MediaReceiver.BufferLength, pinned: true);
            vectors[i].Base = Marshal.UnsafeAddrOfPinnedArrayElement(buffers[i], 0);
            queued[i].Vectors = Marshal.UnsafeAddrOfPinnedArrayElement(vectors, i);
            queued[i].VectorCount = 1;
            queued[i].Name = Marshal.UnsafeAddrOfPinnedArrayElement(names, i * LinuxSockets.SockaddrStorage);
        }
    }

    /// <summary>The batch of the calling receive thread; null on any other thread (send at once there).</summary>
    public static SendBatch? Current => current;

    /// <summary>Datagrams a failed sendmmsg did not send (UDP: lost packets).</summary>
    public static long Failed => Interlocked.Read(ref failed);

    private static long failed;

    /// <summary>Makes the calling thread a batching one; <see cref="Flush"/> must then be called at the end of each batch.</summary>
    public static SendBatch StartOnThisThread() => current ??= new SendBatch();

    /// <summary>Queues one datagram for <paramref name="descriptor"/>; false when it cannot be queued (too large).</summary>
    public bool TryAdd(int descriptor, ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        if (datagram.Length > MediaReceiver.BufferLength || destination.Size > LinuxSockets.SockaddrStorage)
        {
            return false;
        }

        if (count == Capacity)
        {
            Flush();
        }

        datagram.CopyTo(buffers[count]);
        vectors[count].Length = (nuint)datagram.Length;
        destination.Buffer.Span[..destination.Size].CopyTo(names.AsSpan(count * LinuxSockets.SockaddrStorage));
        queued[count].NameLength = (uint)destination.Size;
        descriptors[count] = descriptor;
        sent[count] = false;
        count++;
        return true;
    }

    /// <summary>Sends everything queued: one sendmmsg per socket for its queued datagrams, in queue order.</summary>
    public void Flush()
    {
        for (var first = 0; first < count; first++)
        {
            if (sent[first])
            {
                continue;
            }

            var descriptor = descriptors[first];
            var gathered = 0;
            for (var i = first; i < count; i++)
            {
                if (!sent[i] && descriptors[i] == descriptor)
                {
                    outgoing[gathered++] = queued[i];
                    sent[i] = true;
                }
            }

            SendAll(descriptor, gathered);
        }

        count = 0;
    }

    private void SendAll(int descriptor, int gathered)
    {
        var start = 0;
        while (start < gathered)
        {
            var result = LinuxSockets.SendMultiple(descriptor, ref outgoing[start], (uint)(gathered - start), LinuxSockets.MsgDontWait);
            if (result > 0)
            {
                start += result;
                continue;
            }

            // The first datagram failed (full buffer, unreachable): it is lost; go on with the next one.
            Interlocked.Increment(ref failed);
            start++;
        }
    }
}
