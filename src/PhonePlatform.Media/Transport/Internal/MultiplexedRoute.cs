using System.Net;

namespace PhonePlatform.Media.Transport.Internal;

/// <summary>
/// One leg's place on a <see cref="MultiplexedMediaSocket"/>: its ufrag, the source addresses its ICE agent validated,
/// and its handler. Disposing it completes once no datagram can reach the handler any more.
/// </summary>
internal sealed class MultiplexedRoute(MultiplexedMediaSocket socket, string localUfrag, DatagramHandler handler) : IAsyncDisposable
{
    private readonly List<SocketAddress> sources = [];
    private int removed;

    public string LocalUfrag { get; } = localUfrag;

    public DatagramHandler Handler { get; } = handler;

    public IPEndPoint LocalEndPoint => socket.LocalEndPoint;

    /// <summary>
    /// Routes datagrams from <paramref name="source"/> to this leg; the caller must not change it afterwards. Called on
    /// the receive thread after a check from it passed.
    /// </summary>
    public void AddSource(SocketAddress source)
    {
        lock (sources)
        {
            if (removed != 0 || sources.Contains(source))
            {
                return;
            }

            sources.Add(source);
            socket.AddSource(source, this);
        }
    }

    public bool TrySend(ReadOnlySpan<byte> datagram, SocketAddress destination) => socket.TrySend(datagram, destination);

    public ValueTask DisposeAsync()
    {
        SocketAddress[] added;
        lock (sources)
        {
            if (removed != 0)
            {
                return ValueTask.CompletedTask;
            }

            removed = 1;
            added = [.. sources];
        }

        return socket.RemoveAsync(this, added);
    }
}
