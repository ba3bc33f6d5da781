using System.Net;
using System.Net.Sockets;

namespace PhonePlatform.Media.Transport.Internal;

/// <summary>The portable receiver: one async receive loop per socket.</summary>
internal sealed class AsyncMediaReceiver : MediaReceiver
{
    public override IAsyncDisposable Register(Socket socket, DatagramHandler handler)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(handler);
        return new Registration(this, socket, handler);
    }

    private sealed class Registration : IAsyncDisposable
    {
        private readonly CancellationTokenSource stopping = new();
        private readonly Task loop;

        public Registration(AsyncMediaReceiver receiver, Socket socket, DatagramHandler handler) =>
            loop = Task.Run(() => ReceiveAsync(receiver, socket, handler, stopping.Token));

        public async ValueTask DisposeAsync()
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await loop.ConfigureAwait(false);
            stopping.Dispose();
        }

        private static async Task ReceiveAsync(AsyncMediaReceiver receiver, Socket socket, DatagramHandler handler, CancellationToken cancellationToken)
        {
            var buffer = GC.AllocateUninitializedArray<byte>(BufferLength);
            var from = new SocketAddress(socket.AddressFamily);
            while (!cancellationToken.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await socket.ReceiveFromAsync(buffer, SocketFlags.None, from, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    // An ICMP error from an earlier send surfaces here on some systems; the socket is still fine.
                    continue;
                }
                catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }

                receiver.Deliver(handler, buffer, length, from);
            }
        }
    }
}
