using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Sip.Auth;

namespace PhonePlatform.Sip.Tests.Auth;

public sealed class DigestTests
{
    [Fact]
    public void Response_Rfc2617Example_MatchesPublishedValue()
    {
        // RFC 2617 §3.5.
        var ha1 = SipDigest.Ha1(SipDigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        var response = SipDigest.Response(SipDigestAlgorithm.Md5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "GET", "/dir/index.html", "auth", "00000001", "0a4f113b");

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Fact]
    public void Response_Rfc7616Sha256Example_MatchesPublishedValue()
    {
        // RFC 7616 §3.9.1.
        var ha1 = SipDigest.Ha1(SipDigestAlgorithm.Sha256, "Mufasa", "http-auth@example.org", "Circle of Life");
        var response = SipDigest.Response(SipDigestAlgorithm.Sha256, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "GET", "/dir/index.html", "auth", "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
    }

    [Fact]
    public void Credentials_RoundTripThroughHeaderSyntax()
    {
        var credentials = new DigestCredentials("al\"ice", "example.test", "n1", "sip:example.test", "abc", SipDigestAlgorithm.Sha256, "auth", "00000001", "c1", "op");

        Assert.True(DigestCredentials.TryParse(credentials.ToString(), out var parsed));
        Assert.Equal(credentials, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Digest")]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Digest realm=\"unterminated")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", algorithm=SHA-512-256")]
    public void Credentials_Malformed_AreRejected(string header)
    {
        Assert.False(DigestCredentials.TryParse(header, out _));
    }

    [Fact]
    public void NonceService_RejectsReplayedCountTamperingAndExpiry()
    {
        var clock = new FakeTimeProvider();
        var nonces = new NonceService(clock, TimeSpan.FromMinutes(5));
        var nonce = nonces.Issue();

        Assert.Equal(NonceCheck.Valid, nonces.Check(nonce, "00000001"));
        Assert.Equal(NonceCheck.Replayed, nonces.Check(nonce, "00000001"));
        Assert.Equal(NonceCheck.Valid, nonces.Check(nonce, "00000002"));
        Assert.Equal(NonceCheck.Invalid, nonces.Check(nonce[..^1] + (nonce[^1] == '0' ? '1' : '0'), "00000001"));
        Assert.Equal(NonceCheck.Invalid, nonces.Check("not-a-nonce", "00000001"));

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(NonceCheck.Stale, nonces.Check(nonce, "00000003"));
    }

    [Fact]
    public async Task TokenStore_AcceptsTokenOfCurrentAndPreviousWindowOnly()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new TimeWindowTokenCredentialStore(new byte[32], TimeSpan.FromMinutes(10), clock);
        var token = store.IssueToken("alice", "example.test");
        var expected = SipDigest.Ha1(SipDigestAlgorithm.Md5, "alice", "example.test", token);

        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Contains(expected, await store.FindHa1Async("alice", "example.test", SipDigestAlgorithm.Md5, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.DoesNotContain(expected, await store.FindHa1Async("alice", "example.test", SipDigestAlgorithm.Md5, CancellationToken.None));
        Assert.DoesNotContain(expected, await store.FindHa1Async("bob", "example.test", SipDigestAlgorithm.Md5, CancellationToken.None));
    }

    [Fact]
    public void DigestClient_PrefersSha256AndBumpsCSeq()
    {
        var request = Assert.IsType<SipRequest>(SipParser.Parse(Support.Messages.Request(SipMethods.Register).ReplaceLineEndings("\r\n")).Message);
        var challenge = SipResponse.Create(request, 401, null, "t");
        challenge.Headers.Add(SipHeaderNames.WwwAuthenticate, new DigestChallenge("r", "n", SipDigestAlgorithm.Md5).ToString());
        challenge.Headers.Add(SipHeaderNames.WwwAuthenticate, new DigestChallenge("r", "n", SipDigestAlgorithm.Sha256).ToString());

        var retry = SipDigestClient.Authorize(request, challenge, "alice", "pw")!;

        Assert.True(DigestCredentials.TryParse(retry.Headers.Get(SipHeaderNames.Authorization), out var credentials));
        Assert.Equal(SipDigestAlgorithm.Sha256, credentials.Algorithm);
        Assert.Equal(2u, retry.CSeq!.Value.Number);
        Assert.Null(retry.TopVia);
    }
}
