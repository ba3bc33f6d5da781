namespace PhonePlatform.Api.Sip;

/// <summary>
/// The browser softphone's SIP edge (configuration section <c>Sip</c>): the digest realm, the key and window of the
/// short-lived API-issued SIP passwords, and the address the WebSocket transport advertises in Via/Record-Route.
/// </summary>
public sealed class SipEdgeOptions
{
    public string Realm { get; set; } = "phoneplatform";

    /// <summary>Base64 of at least 32 bytes shared by every node; a random per-process key when empty (one node only).</summary>
    public string? TokenKey { get; set; }

    /// <summary>A token is accepted in its window and the next, so it lives between one and two windows.</summary>
    public TimeSpan TokenWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The public <c>wss://</c> URL of <c>/sip</c>; derived from the request when empty.</summary>
    public string? WebSocketUrl { get; set; }

    /// <summary>Server pings keep NATs open and detect dead browsers (RFC 7118 §6 leaves keep-alives to the WebSocket).</summary>
    public TimeSpan WebSocketPingInterval { get; set; } = TimeSpan.FromSeconds(25);
}
