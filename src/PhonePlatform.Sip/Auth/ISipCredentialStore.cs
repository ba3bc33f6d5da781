namespace PhonePlatform.Sip.Auth;

/// <summary>
/// Port to the credentials of SIP users. Returns the HA1 values (H(user:realm:secret), lower-case hex) that are
/// currently valid for the user, so the secret itself never has to reach the SIP layer. Several values are allowed
/// (a password plus short-lived tokens, or two token windows); an unknown user yields an empty list.
/// </summary>
public interface ISipCredentialStore
{
    ValueTask<IReadOnlyList<string>> FindHa1Async(string username, string realm, SipDigestAlgorithm algorithm, CancellationToken cancellationToken);
}
