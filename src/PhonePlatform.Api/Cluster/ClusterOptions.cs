namespace PhonePlatform.Api.Cluster;

/// <summary>
/// Running several processes side by side (configuration section <c>Cluster</c>): how gateway nodes find each other
/// and how long a stopping process drains.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>
    /// The address other gateway nodes send SIP to (this node's internal address); the bound <c>Gateway:SipAddress</c>
    /// when empty, or <c>Gateway:AdvertisedHost</c> when that is a wildcard.
    /// </summary>
    public string? NodeSipHost { get; set; }

    /// <summary>How often a gateway node records that it is alive; a node silent for three intervals is gone.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On SIGTERM, how long a gateway waits for its calls to end (SMS and job workers finish their batch within it).
    /// Kubernetes' <c>terminationGracePeriodSeconds</c> must exceed it.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
