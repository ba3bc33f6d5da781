using System.Collections.Frozen;
using System.Text;

namespace PhonePlatform.Sip;

/// <summary>Header field names (RFC 3261 §20) and their compact forms (§7.3.3, RFC 3515, RFC 4028…).</summary>
public static class SipHeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string Contact = "Contact";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string ContentEncoding = "Content-Encoding";
    public const string MaxForwards = "Max-Forwards";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Subject = "Subject";
    public const string Supported = "Supported";
    public const string Require = "Require";
    public const string ProxyRequire = "Proxy-Require";
    public const string Unsupported = "Unsupported";
    public const string Allow = "Allow";
    public const string Accept = "Accept";
    public const string Authorization = "Authorization";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string Expires = "Expires";
    public const string MinExpires = "Min-Expires";
    public const string UserAgent = "User-Agent";
    public const string Server = "Server";
    public const string Event = "Event";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string SessionExpires = "Session-Expires";
    public const string MinSE = "Min-SE";
    public const string PAssertedIdentity = "P-Asserted-Identity";
    public const string PPreferredIdentity = "P-Preferred-Identity";
    public const string RemotePartyId = "Remote-Party-ID";
    public const string Privacy = "Privacy";
    public const string Date = "Date";
    public const string Timestamp = "Timestamp";
    public const string Reason = "Reason";
    public const string AllowEvents = "Allow-Events";
    public const string Warning = "Warning";
    public const string RetryAfter = "Retry-After";
    public const string Path = "Path";
    public const string Identity = "Identity";
    public const string AcceptContact = "Accept-Contact";
    public const string RejectContact = "Reject-Contact";
    public const string RequestDisposition = "Request-Disposition";

    private static readonly FrozenDictionary<string, string> Canonical = BuildCanonical();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CanonicalBySpan =
        Canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    private static FrozenDictionary<string, string> BuildCanonical()
    {
        string[] names =
        [
            Via, From, To, CallId, CSeq, Contact, ContentLength, ContentType, ContentEncoding, MaxForwards, Route,
            RecordRoute, Subject, Supported, Require, ProxyRequire, Unsupported, Allow, Accept, Authorization,
            WwwAuthenticate, ProxyAuthenticate, ProxyAuthorization, Expires, MinExpires, UserAgent, Server, Event,
            ReferTo, ReferredBy, SessionExpires, MinSE, PAssertedIdentity, PPreferredIdentity, RemotePartyId, Privacy,
            Date, Timestamp, Reason, AllowEvents, Warning, RetryAfter, Path, Identity, AcceptContact, RejectContact,
            RequestDisposition,
        ];
        var map = names.ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

        // RFC 3261 §7.3.3 and the RFCs that define further compact forms.
        map["v"] = Via;
        map["f"] = From;
        map["t"] = To;
        map["i"] = CallId;
        map["m"] = Contact;
        map["l"] = ContentLength;
        map["c"] = ContentType;
        map["e"] = ContentEncoding;
        map["s"] = Subject;
        map["k"] = Supported;
        map["o"] = Event;
        map["r"] = ReferTo;
        map["b"] = ReferredBy;
        map["x"] = SessionExpires;
        map["u"] = AllowEvents;
        map["y"] = Identity;
        map["a"] = AcceptContact;
        map["j"] = RejectContact;
        map["d"] = RequestDisposition;
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The canonical spelling of a header name, expanding compact forms; unknown names are returned as given.</summary>
    public static string Canonicalize(string name) => Canonical.TryGetValue(name, out var canonical) ? canonical : name;

    /// <summary>Canonical name for an ASCII header name from the wire, without allocating for known names.</summary>
    internal static string Canonicalize(ReadOnlySpan<byte> name)
    {
        if (name.Length <= 32)
        {
            Span<char> chars = stackalloc char[name.Length];
            for (var i = 0; i < name.Length; i++)
            {
                chars[i] = (char)name[i];
            }

            if (CanonicalBySpan.TryGetValue(chars, out var canonical))
            {
                return canonical;
            }
        }

        return Encoding.ASCII.GetString(name);
    }
}
