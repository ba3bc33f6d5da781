using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// The other gateway nodes of a cluster, as this node sees them. Each binding names the node holding its flow (a
/// browser's WebSocket); an inbound call for a device held elsewhere is sent to that node over SIP, and that node
/// answers it with its own media, so media stays on the node that answered.
/// </summary>
public interface IGatewayCluster
{
    /// <summary>This node's id, as the location service records it with the bindings whose flow it holds.</summary>
    string LocalNodeId { get; }

    /// <summary>Where <paramref name="nodeId"/> takes SIP from its peers; false when unknown or gone (its flows are dead).</summary>
    bool TryFindPeer(string nodeId, out SipEndPoint endPoint);

    /// <summary>True when a request came from another node of the cluster (from its SIP address).</summary>
    bool IsPeer(SipEndPoint source);
}
