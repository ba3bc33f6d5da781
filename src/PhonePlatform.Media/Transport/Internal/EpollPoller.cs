using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PhonePlatform.Media.Transport.Internal;

/// <summary>
/// One receive thread: epoll_wait (level-triggered) over its sockets, then per ready socket one recvmmsg of up to
/// <see cref="Batch"/> datagrams into pinned buffers, each handed to the socket's handler. Removal is two-phase: the
/// socket leaves epoll and the lookup table at once, and the removal completes at the end of the poller's current
/// iteration, after which no handler call for it can be running; the socket's handle is referenced until then, so
/// its descriptor number cannot be reused under the poller. Sends that handlers make to multiplexed ports are queued
/// in the thread's <see cref="SendBatch"/> and flushed at the end of each iteration.
/// </summary>
internal sealed class EpollPoller
{
    private const int Batch = 32;
    private const int MaxEvents = 256;
    private const int WaitMilliseconds = 20;

    private readonly EpollMediaReceiver receiver;
    private readonly int epoll;
    private readonly ConcurrentDictionary<long, Registration> registrations = new();
    private readonly ConcurrentQueue<Registration> retiring = new();
    private readonly LinuxSockets.EpollEvent[] events = new LinuxSockets.EpollEvent[MaxEvents];
    private readonly LinuxSockets.MultiMessageHeader[] headers = GC.AllocateArray<LinuxSockets.MultiMessageHeader>(Batch, pinned: true);
    private readonly LinuxSockets.IoVector[] vectors = GC.AllocateArray<LinuxSockets.IoVector>(Batch, pinned: true);
    private readonly byte[] names = GC.AllocateArray<byte>(Batch * LinuxSockets.SockaddrStorage, pinned: true);
    private readonly byte[][] buffers = new byte[Batch][];
    private readonly SocketAddress source = new(AddressFamily.InterNetworkV6, LinuxSockets.SockaddrStorage);
    private long nextId;

    public EpollPoller(EpollMediaReceiver receiver, int index)
    {
        this.receiver = receiver;
        epoll = LinuxSockets.EpollCreate(LinuxSockets.EpollCloexec);
        if (epoll < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        for (var i = 0; i < Batch; i++)
        {
            buffers[i] = GC.AllocateArray<byte>(MediaReceiver.BufferLength, pinned: true);
            vectors[i] = new LinuxSockets.IoVector
            {
                Base = Marshal.UnsafeAddrOfPinnedArrayElement(buffers[i], 0), Length = MediaReceiver.BufferLength,
            };
            headers[i].Vectors = Marshal.UnsafeAddrOfPinnedArrayElement(vectors, i);
            headers[i].VectorCount = 1;
            headers[i].Name = Marshal.UnsafeAddrOfPinnedArrayElement(names, i * LinuxSockets.SockaddrStorage);
        }

        new Thread(Run) { IsBackground = true, Name = "media-receive-" + index }.Start();
    }

    public IAsyncDisposable Add(Socket socket, DatagramHandler handler)
    {
        var handle = socket.SafeHandle;
        var referenced = false;
        handle.DangerousAddRef(ref referenced);
        var registration = new Registration(this, Interlocked.Increment(ref nextId), handle, handler);
        registrations[registration.Id] = registration;
        var subscription = new LinuxSockets.EpollEvent { Events = LinuxSockets.EpollIn, Data = registration.Id };
        if (LinuxSockets.EpollControl(epoll, LinuxSockets.EpollCtlAdd, registration.Descriptor, ref subscription) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            registrations.TryRemove(registration.Id, out _);
            handle.DangerousRelease();
            throw new SocketException(error);
        }

        return registration;
    }

    private Task Remove(Registration registration)
    {
        // Fails only when the descriptor already left epoll (closed): either way it delivers no more.
        var none = default(LinuxSockets.EpollEvent);
        _ = LinuxSockets.EpollControl(epoll, LinuxSockets.EpollCtlDel, registration.Descriptor, ref none);
        registrations.TryRemove(registration.Id, out _);
        retiring.Enqueue(registration);
        return registration.Retired.Task;
    }

    private void Run()
    {
        var sends = SendBatch.StartOnThisThread();
        while (true)
        {
            var ready = LinuxSockets.EpollWait(epoll, ref events[0], MaxEvents, WaitMilliseconds);
            for (var i = 0; i < ready; i++)
            {
                if (registrations.TryGetValue(events[i].Data, out var registration))
                {
                    Drain(registration);
                }
            }

            // What the handlers sent to multiplexed ports during this iteration goes out in one sendmmsg per port.
            sends.Flush();

            while (retiring.TryDequeue(out var retired))
            {
                retired.Handle.DangerousRelease();
                retired.Retired.TrySetResult();
            }
        }
    }

    private void Drain(Registration registration)
    {
        for (var i = 0; i < Batch; i++)
        {
            headers[i].NameLength = LinuxSockets.SockaddrStorage;
        }

        // Level-triggered: whatever a full batch leaves queued makes the socket ready again on the next wait.
        var received = LinuxSockets.ReceiveMultiple(registration.Descriptor, ref headers[0], Batch, LinuxSockets.MsgDontWait, 0);
        for (var i = 0; i < received; i++)
        {
            var nameLength = (int)headers[i].NameLength;
            source.Size = nameLength;
            names.AsSpan(i * LinuxSockets.SockaddrStorage, nameLength).CopyTo(source.Buffer.Span);
            receiver.DeliverOnPoller(registration.Handler, buffers[i], (int)headers[i].ReceivedLength, source);
        }
    }

    private sealed class Registration(EpollPoller poller, long id, SafeHandle handle, DatagramHandler handler) : IAsyncDisposable
    {
        private int removed;

        public long Id { get; } = id;

        public SafeHandle Handle { get; } = handle;

        public int Descriptor { get; } = (int)handle.DangerousGetHandle();

        public DatagramHandler Handler { get; } = handler;

        public TaskCompletionSource Retired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref removed, 1) == 0 ? new ValueTask(poller.Remove(this)) : new ValueTask(Retired.Task);
    }
}
