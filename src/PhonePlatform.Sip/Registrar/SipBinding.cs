using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Registrar;

/// <summary>
/// One registered contact of an address-of-record (RFC 3261 §10.3). <see cref="Flow"/> is where the REGISTER came
/// from: requests for a browser or a phone behind NAT go there (RFC 5626 §5.3), not to the Contact host.
/// With several gateway nodes, <see cref="NodeId"/> names the node that holds the flow (null: this node).
/// </summary>
public sealed record SipBinding(
    string AddressOfRecord,
    SipNameAddress Contact,
    DateTimeOffset ExpiresAt,
    string CallId,
    uint CSeq,
    SipEndPoint Flow,
    string? InstanceId = null,
    string? RegId = null,
    string? UserAgent = null,
    string? NodeId = null)
{
    /// <summary>The contact URI as registered; bindings of an AOR are keyed by it (or by instance-id and reg-id).</summary>
    public string ContactUri => Contact.Uri.ToString();

    public bool Matches(SipBinding other) =>
        InstanceId is not null && other.InstanceId is not null
            ? InstanceId == other.InstanceId && RegId == other.RegId
            : Contact.Uri.EquivalentTo(other.Contact.Uri);
}
