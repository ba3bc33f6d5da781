using PhonePlatform.Core.Trunks;

namespace PhonePlatform.Api.Contracts;

/// <summary>
/// A workspace's own carrier trunk, created or replaced. Credentials: both given replace them, both omitted keep them,
/// both empty strings remove them. They are never returned.
/// </summary>
public sealed record TrunkRequest(
    string Name,
    string Host,
    int Port = 5060,
    TrunkTransport Transport = TrunkTransport.Udp,
    string? AuthUsername = null,
    string? AuthPassword = null,
    IReadOnlyList<string>? AllowedSources = null,
    TrunkNumberFormat NumberFormat = TrunkNumberFormat.E164,
    string CountryCode = "1",
    IReadOnlyList<string>? Prefixes = null,
    int Priority = 0,
    decimal CostPerMinute = 0,
    bool Enabled = true);

public sealed record TrunkResponse(
    Guid Id,
    string Name,
    string Host,
    int Port,
    TrunkTransport Transport,
    bool HasCredentials,
    IReadOnlyList<string> AllowedSources,
    TrunkNumberFormat NumberFormat,
    string CountryCode,
    IReadOnlyList<string> Prefixes,
    int Priority,
    decimal CostPerMinute,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    TrunkStateResponse? State)
{
    public static TrunkResponse From(CarrierTrunk t, TrunkStateResponse? state) => new(
        t.Id, t.Name, t.Host, t.Port, t.Transport, t.AuthUsername is not null, t.AllowedSources, t.NumberFormat, t.CountryCode,
        t.Prefixes, t.Priority, t.CostPerMinute, t.Enabled, t.CreatedAt, t.UpdatedAt, state);
}

/// <summary>The OPTIONS keep-alive verdict on a trunk (RFC 3261 §11).</summary>
public enum TrunkReachability
{
    /// <summary>Not checked yet (or no gateway in this process).</summary>
    Unknown,
    Up,
    Down,
}

/// <summary>
/// Live state from the gateway: OPTIONS reachability (last status code and round trip), and over the recent calls
/// (last 50 within 30 minutes) the answer-seizure ratio (0..1) and mean post-dial delay. <c>Healthy</c> is what routing
/// uses: reachable or not yet checked, and not failing its last calls; unhealthy trunks are tried last.
/// </summary>
public sealed record TrunkStateResponse(
    TrunkReachability Reachability,
    int? OptionsStatusCode,
    double? OptionsRoundTripMs,
    DateTimeOffset? LastCheckedAt,
    int RecentAttempts,
    double? AnswerSeizureRatio,
    double? PostDialDelayMs,
    bool Healthy);
