namespace PhonePlatform.Api.Contracts;

/// <summary>
/// Short-lived SIP credentials for the caller's browser softphone: digest <paramref name="Username"/> and
/// <paramref name="Password"/> (or <paramref name="Ha1"/>, MD5 of username:realm:password, for clients such as JsSIP that
/// accept it) in <paramref name="Realm"/>, valid until <paramref name="ExpiresAt"/>, to register over
/// <paramref name="WebSocketUrl"/> as <paramref name="Uri"/>.
/// </summary>
public sealed record SipCredentialsResponse(
    string Username,
    string Password,
    string Ha1,
    string Realm,
    string Uri,
    DateTimeOffset ExpiresAt,
    string WebSocketUrl);
