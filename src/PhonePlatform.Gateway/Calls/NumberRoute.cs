namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// What an inbound call to a workspace number reaches: the members' SIP addresses of record (their devices are
/// found through the location service), the voicemail greeting, and how long devices ring before voicemail
/// (null: the gateway's <see cref="B2buaOptions.RingTimeout"/>). <see cref="MemberAddressesByMembership"/> holds every
/// member's address of record by membership id, for menu ring groups.
/// </summary>
public sealed record NumberRoute(
    Guid WorkspaceId,
    string Number,
    IReadOnlyList<string> MemberAddressesOfRecord,
    byte[]? Greeting = null,
    TimeSpan? RingTimeout = null,
    IReadOnlyDictionary<Guid, string>? MemberAddressesByMembership = null);
