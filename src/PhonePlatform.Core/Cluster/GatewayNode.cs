namespace PhonePlatform.Core.Cluster;

/// <summary>
/// One running gateway process of the cluster: where the other nodes reach it over SIP (its internal address), when it
/// last said it was alive, and whether it is draining. Bindings name their node by <see cref="NodeId"/>; a call that
/// enters on one node for a softphone whose WebSocket is held by another is sent to this address.
/// Infrastructure, not workspace data: not tenant-scoped.
/// </summary>
public sealed class GatewayNode
{
    /// <summary><c>Sip:NodeId</c> of the process.</summary>
    public required string NodeId { get; set; }

    /// <summary>The node's SIP transport toward its peers (<c>udp</c>), host and port.</summary>
    public required string SipTransport { get; set; }

    public required string SipHost { get; set; }

    public int SipPort { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The last heartbeat; a node not seen for a few intervals is treated as gone.</summary>
    public DateTimeOffset SeenAt { get; set; }

    /// <summary>Set when the node began draining (SIGTERM): it takes no new calls.</summary>
    public DateTimeOffset? DrainingSince { get; set; }
}
