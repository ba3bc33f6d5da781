using System.Text;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Sms.Http;
using PhonePlatform.Testing.Fuzzing;
using Xunit.Abstractions;

namespace PhonePlatform.Sms.IntegrationTests.Fuzzing;

/// <summary>
/// The carrier webhook check that runs before any parsing, under <see cref="MutationFuzzer"/>: a request is the
/// timestamp header, the signature header and the body; whatever is changed in any of them (or whichever other
/// carrier it is sent to) must be refused, and nothing may throw.
/// </summary>
public sealed class CarrierWebhookFuzzTests(ITestOutputHelper output)
{
    private const string Secret = "whsec-carrier-fuzz";

    [Fact]
    public void Verify_MutatedSignedRequests_AreAllRefusedAndNeverThrow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_795_000_000));
        var verifier = new CarrierWebhookVerifier(
            new HttpCarrierDirectory([new HttpCarrierOptions { Id = "fuzz", WebhookSecret = Secret }, new HttpCarrierOptions { Id = "other", WebhookSecret = "another-secret" }]),
            time);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        byte[][] seeds =
        [
            Request(timestamp, """{"from":"+15550001111","to":"+15557654321","text":"hello"}"""u8.ToArray()),
            Request(timestamp, """{"messageId":"abc123","status":"delivered","errorCode":null}"""u8.ToArray()),
            Request(timestamp - 200, """{"messageId":"x","status":"failed","errorCode":"034"}"""u8.ToArray()),
        ];
        foreach (var seed in seeds)
        {
            Assert.Equal(CarrierWebhookRefusal.None, Verify(verifier, "fuzz", seed));
            Assert.Equal(CarrierWebhookRefusal.BadSignature, Verify(verifier, "other", seed));
        }

        var run = MutationFuzzer.Run("carrier-webhook", seeds, 2104, 20_000, "\n0123456789abcdef=sha256{}\":,"u8, input =>
        {
            var refusal = Verify(verifier, "fuzz", input);
            if (!seeds.Any(seed => seed.AsSpan().SequenceEqual(input)) && Split(input) is var (stamp, signature, body) && !IsSeedEquivalent(seeds, stamp, signature, body))
            {
                Assert.NotEqual(CarrierWebhookRefusal.None, refusal);
            }
        });
        output.WriteLine(run.ToString());
    }

    private static CarrierWebhookRefusal Verify(CarrierWebhookVerifier verifier, string carrier, byte[] request)
    {
        var (timestamp, signature, body) = Split(request);
        return verifier.Verify(carrier, timestamp, signature, body);
    }

    /// <summary>A mutation that only adds the optional "sha256=" prefix or a leading zero to the timestamp is the same request.</summary>
    private static bool IsSeedEquivalent(byte[][] seeds, string timestamp, string signature, byte[] body) =>
        seeds.Select(Split).Any(seed =>
            long.TryParse(seed.Timestamp, out var a) && long.TryParse(timestamp, System.Globalization.NumberStyles.None, null, out var b) && a == b
            && (signature == seed.Signature || signature == "sha256=" + seed.Signature)
            && body.AsSpan().SequenceEqual(seed.Body));

    private static byte[] Request(long timestamp, byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"{timestamp}\n{HttpCarrierSignature.Compute(Secret, timestamp, body)}\n"), .. body];

    private static (string Timestamp, string Signature, byte[] Body) Split(byte[] request)
    {
        var first = Array.IndexOf(request, (byte)'\n');
        var second = first < 0 ? -1 : Array.IndexOf(request, (byte)'\n', first + 1);
        return first < 0 || second < 0
            ? (Encoding.UTF8.GetString(request), "", [])
            : (Encoding.UTF8.GetString(request, 0, first), Encoding.UTF8.GetString(request, first + 1, second - first - 1), request[(second + 1)..]);
    }
}
