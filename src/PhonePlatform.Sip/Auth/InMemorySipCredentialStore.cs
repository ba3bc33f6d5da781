using System.Collections.Concurrent;

namespace PhonePlatform.Sip.Auth;

/// <summary>Passwords held in memory (tests, small deployments); HA1 is computed once per algorithm.</summary>
public sealed class InMemorySipCredentialStore : ISipCredentialStore
{
    private readonly ConcurrentDictionary<(string User, string Realm, SipDigestAlgorithm Algorithm), string> ha1 = new();

    public void SetPassword(string username, string realm, string password)
    {
        foreach (var algorithm in Enum.GetValues<SipDigestAlgorithm>())
        {
            ha1[(username, realm, algorithm)] = SipDigest.Ha1(algorithm, username, realm, password);
        }
    }

    public ValueTask<IReadOnlyList<string>> FindHa1Async(string username, string realm, SipDigestAlgorithm algorithm, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(ha1.TryGetValue((username, realm, algorithm), out var value) ? [value] : []);
}
