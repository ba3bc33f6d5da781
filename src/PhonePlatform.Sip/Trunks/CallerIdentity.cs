namespace PhonePlatform.Sip.Trunks;

/// <summary>
/// Caller id towards and from carriers: P-Asserted-Identity (RFC 3325 §9.1) or Remote-Party-ID
/// (draft-ietf-sip-privacy-04, still common with carriers).
/// </summary>
public static class CallerIdentity
{
    /// <summary>Writes the asserted identity the trunk expects; <paramref name="hidden"/> adds Privacy: id (RFC 3325 §9.3).</summary>
    public static void Assert(SipRequest request, SipTrunk trunk, SipNameAddress identity, bool hidden = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trunk);
        switch (trunk.CallerIdHeader)
        {
            case SipCallerIdHeader.PAssertedIdentity:
                request.Headers.Set(SipHeaderNames.PAssertedIdentity, identity.ToString());
                if (hidden)
                {
                    request.Headers.Set(SipHeaderNames.Privacy, "id");
                }

                break;
            case SipCallerIdHeader.RemotePartyId:
                var rpid = identity.Clone();
                rpid.Parameters.Set("party", "calling");
                rpid.Parameters.Set("screen", "yes");
                rpid.Parameters.Set("privacy", hidden ? "full" : "off");
                request.Headers.Set(SipHeaderNames.RemotePartyId, rpid.ToString());
                break;
        }
    }

    /// <summary>The caller as asserted by a trusted peer: P-Asserted-Identity, then Remote-Party-ID, then From.</summary>
    public static SipNameAddress? Read(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var name in new[] { SipHeaderNames.PAssertedIdentity, SipHeaderNames.RemotePartyId })
        {
            foreach (var value in request.Headers.GetValues(name))
            {
                if (SipNameAddress.TryParse(value, out var identity))
                {
                    return identity;
                }
            }
        }

        return request.From;
    }
}
