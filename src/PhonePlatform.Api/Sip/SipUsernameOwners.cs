using PhonePlatform.Data.Sip;

namespace PhonePlatform.Api.Sip;

/// <summary>Address-of-record <c>sip:w…u…@realm</c> to its workspace user, through the <see cref="SipUsernames"/> scheme.</summary>
public sealed class SipUsernameOwners : ISipAddressOwners
{
    public bool TryGetOwner(string addressOfRecord, out Guid workspaceId, out Guid userId)
    {
        workspaceId = userId = Guid.Empty;
        var colon = addressOfRecord.IndexOf(':', StringComparison.Ordinal);
        var at = addressOfRecord.IndexOf('@', StringComparison.Ordinal);
        return colon > 0 && at > colon && SipUsernames.TryParse(addressOfRecord[(colon + 1)..at], out workspaceId, out userId);
    }
}
