namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// What an inbound call to a workspace number reaches: the members' SIP addresses of record (their devices are
/// found through the location service) and the voicemail greeting.
/// </summary>
public sealed record NumberRoute(Guid WorkspaceId, string Number, IReadOnlyList<string> MemberAddressesOfRecord, byte[]? Greeting = null);
