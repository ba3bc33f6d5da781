using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Port: decides whether an INVITE from a device may dial out and with which workspace number (the member's
/// permission on that number); null means 403 Forbidden.
/// </summary>
public interface IDeviceDirectory
{
    Task<OutboundCaller?> AuthorizeOutboundAsync(SipServerTransaction invite, CancellationToken cancellationToken);
}
