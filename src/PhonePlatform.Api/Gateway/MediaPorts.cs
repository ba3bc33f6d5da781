using System.Net;
using PhonePlatform.Media.Transport;

namespace PhonePlatform.Api.Gateway;

/// <summary>
/// The gateway's media ports: the configured range for per-leg sockets and, unless
/// <see cref="GatewayOptions.MultiplexWebRtcMedia"/> is off, the shared WebRTC ports taken from it (closed with the host).
/// </summary>
public sealed class MediaPorts : IAsyncDisposable
{
    public MediaPorts(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Address = IPAddress.Parse(options.MediaAddress);
        Allocator = new MediaPortAllocator(options.MediaPortFirst, options.MediaPortLast);
        Multiplexed = options.MultiplexWebRtcMedia ? MultiplexedMediaPorts.Open(Address, Allocator) : null;
    }

    public IPAddress Address { get; }

    public MediaPortAllocator Allocator { get; }

    public MultiplexedMediaPorts? Multiplexed { get; }

    public ValueTask DisposeAsync() => Multiplexed?.DisposeAsync() ?? ValueTask.CompletedTask;
}
