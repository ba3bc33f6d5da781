namespace PhonePlatform.Data.Sip;

/// <summary>Which workspace user an address-of-record belongs to (the host knows how it names its SIP users).</summary>
public interface ISipAddressOwners
{
    bool TryGetOwner(string addressOfRecord, out Guid workspaceId, out Guid userId);
}
