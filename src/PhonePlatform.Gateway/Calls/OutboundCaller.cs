namespace PhonePlatform.Gateway.Calls;

/// <summary>A device allowed to place a call: its member's workspace and the number shown as caller id.</summary>
public sealed record OutboundCaller(Guid WorkspaceId, string MemberAddressOfRecord, string CallerIdNumber);
