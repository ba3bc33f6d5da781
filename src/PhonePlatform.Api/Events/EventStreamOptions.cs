namespace PhonePlatform.Api.Events;

/// <summary>Settings of <c>GET /v1/events</c> (configuration section <c>Events</c>).</summary>
public sealed class EventStreamOptions
{
    /// <summary>How often an open stream looks for new workspace events.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A comment line is sent after this long without events, so proxies keep the connection and clients notice a dead one.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a hole in the sequence is waited for (a transaction that took a number but has not committed yet).</summary>
    public TimeSpan GapWait { get; set; } = TimeSpan.FromSeconds(2);
}
