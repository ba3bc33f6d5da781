using System.Runtime.InteropServices;

namespace PhonePlatform.Media.Transport.Internal;

/// <summary>
/// The few Linux calls the batched receiver needs: epoll(7) for readiness of many sockets on one thread and
/// recvmmsg(2) to take every queued datagram of a socket in one system call, sendmmsg(2) to send a batch. Layouts are those of x86-64 (LP64;
/// <c>struct epoll_event</c> is packed there), which is the only architecture the receiver enables them on.
/// </summary>
#pragma warning disable SYSLIB1054, CA5392 // blittable signatures, nothing to marshal
internal static class LinuxSockets
{
    public const int EpollIn = 0x001;
    public const int EpollErr = 0x008;
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const int EpollCloexec = 0x80000;
    public const int MsgDontWait = 0x40;
    public const int Eintr = 4;
    public const int Eagain = 11;
    public const int SockaddrStorage = 128;

    private const string Libc = "libc";

    public static bool IsSupported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    [DllImport(Libc, EntryPoint = "epoll_create1", SetLastError = true)]
    public static extern int EpollCreate(int flags);

    [DllImport(Libc, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static extern int EpollControl(int epoll, int operation, int fd, ref EpollEvent epollEvent);

    [DllImport(Libc, EntryPoint = "epoll_wait", SetLastError = true)]
    public static extern int EpollWait(int epoll, ref EpollEvent events, int maxEvents, int timeoutMilliseconds);

    [DllImport(Libc, EntryPoint = "recvmmsg", SetLastError = true)]
    public static extern int ReceiveMultiple(int fd, ref MultiMessageHeader messages, uint count, int flags, nint timeout);

    [DllImport(Libc, EntryPoint = "sendmmsg", SetLastError = true)]
    public static extern int SendMultiple(int fd, ref MultiMessageHeader messages, uint count, int flags);

    [DllImport(Libc, EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    /// <summary><c>struct epoll_event</c> on x86-64: 4 octets of events, 8 of data, packed.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 12)]
    public struct EpollEvent
    {
        [FieldOffset(0)]
        public uint Events;

        [FieldOffset(4)]
        public long Data;
    }

    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        public nint Base;
        public nuint Length;
    }

    /// <summary><c>struct mmsghdr</c>: a <c>struct msghdr</c> (56 octets) and the received length.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    public struct MultiMessageHeader
    {
        [FieldOffset(0)]
        public nint Name;

        [FieldOffset(8)]
        public uint NameLength;

        [FieldOffset(16)]
        public nint Vectors;

        [FieldOffset(24)]
        public nuint VectorCount;

        [FieldOffset(32)]
        public nint Control;

        [FieldOffset(40)]
        public nuint ControlLength;

        [FieldOffset(48)]
        public int Flags;

        [FieldOffset(56)]
        public uint ReceivedLength;
    }
}
#pragma warning restore SYSLIB1054, CA5392
