using PhonePlatform.Sip.Auth;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Tests.Support;
using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Sip.Tests.Registrar;

/// <summary>RFC 3261 §10.3 over the in-memory transport and a fake clock.</summary>
public sealed class RegistrarTests
{
    private sealed class RegistrarHandler(SipRegistrar registrar) : ISipRequestHandler
    {
        public ValueTask OnRequestAsync(SipServerTransaction transaction) => registrar.HandleAsync(transaction);
    }

    private readonly StackFixture f = new();
    private readonly InMemoryLocationService locations;
    private uint cseq;

    public RegistrarTests()
    {
        var credentials = new InMemorySipCredentialStore();
        credentials.SetPassword("alice", "example.test", "wonderland");
        locations = new InMemoryLocationService(f.Clock);
        f.Stack.RequestHandler = new RegistrarHandler(new SipRegistrar(locations, credentials, new SipRegistrarOptions { Realm = "example.test" }, f.Clock));
    }

    private SipRequest Register(string contact, string? expires = "300", string user = "alice", string callId = "reg-1")
    {
        cseq++;
        var text = $"""
            REGISTER sip:example.test SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKreg{Guid.NewGuid():N}
            Max-Forwards: 70
            From: <sip:{user}@example.test>;tag=r1
            To: <sip:{user}@example.test>
            Call-ID: {callId}
            CSeq: {cseq} REGISTER
            Contact: {contact}
            {(expires is null ? "X-No-Expires: 1" : "Expires: " + expires)}
            Content-Length: 0


            """.ReplaceLineEndings("\r\n");
        return Assert.IsType<SipRequest>(SipParser.Parse(text).Message);
    }

    private async Task<SipResponse> SendAsync(SipRequest request)
    {
        var before = f.Transport.SentResponses.Count;
        await f.Transport.InjectAsync(request);
        return f.Transport.SentResponses.Skip(before).Single();
    }

    private async Task<SipResponse> SendAuthenticatedAsync(SipRequest request, string password = "wonderland")
    {
        var challenge = await SendAsync(request);
        Assert.Equal(401, challenge.StatusCode);
        var retry = SipDigestClient.Authorize(request, challenge, "alice", password)!;
        cseq++;
        retry.Headers.AddFirst(SipHeaderNames.Via, $"SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKretry{Guid.NewGuid():N}");
        return await SendAsync(retry);
    }

    [Fact]
    public async Task Register_WithoutCredentials_IsChallengedWithSha256ThenMd5()
    {
        var response = await SendAsync(Register("<sip:alice@192.0.2.10:5070>"));

        Assert.Equal(401, response.StatusCode);
        var challenges = response.Headers.GetFieldValues(SipHeaderNames.WwwAuthenticate).ToList();
        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenges[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithCredentials_StoresBindingAndEchoesContactWithExpires()
    {
        var ok = await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.10:5070>"));

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("300", Assert.Single(ok.Contacts).Parameters.Get("expires"));
        var binding = Assert.Single(await locations.GetBindingsAsync("sip:alice@example.test", CancellationToken.None));
        Assert.Equal(f.Transport.PeerEndPoint, binding.Flow);
    }

    [Fact]
    public async Task Register_WrongPassword_IsRefused()
    {
        var response = await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.10:5070>"), "guess");

        Assert.Equal(401, response.StatusCode);
        Assert.Empty(await locations.GetBindingsAsync("sip:alice@example.test", CancellationToken.None));
    }

    [Fact]
    public async Task Register_ReplayedAuthorization_IsChallengedAgain()
    {
        var request = Register("<sip:alice@192.0.2.10:5070>");
        var challenge = await SendAsync(request);
        var retry = SipDigestClient.Authorize(request, challenge, "alice", "wonderland")!;
        retry.Headers.AddFirst(SipHeaderNames.Via, "SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKfirst");
        Assert.Equal(200, (await SendAsync(retry)).StatusCode);

        // Same credentials (same nc) in a new transaction: a replay.
        retry.Headers.RemoveFirstValue(SipHeaderNames.Via);
        retry.Headers.AddFirst(SipHeaderNames.Via, "SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKreplay");
        retry.CSeq = new SipCSeq(99, SipMethods.Register);
        Assert.Equal(401, (await SendAsync(retry)).StatusCode);
    }

    [Fact]
    public async Task Register_ForAnotherUsersAor_IsForbidden()
    {
        var request = Register("<sip:bob@192.0.2.10:5070>", user: "bob");
        var challenge = await SendAsync(request);
        var retry = SipDigestClient.Authorize(request, challenge, "alice", "wonderland")!;
        retry.Headers.AddFirst(SipHeaderNames.Via, "SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKbob");

        Assert.Equal(403, (await SendAsync(retry)).StatusCode);
    }

    [Fact]
    public async Task Register_TooBriefInterval_Gets423WithMinExpires()
    {
        var response = await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.10:5070>", "10"));

        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Headers.Get(SipHeaderNames.MinExpires));
    }

    [Fact]
    public async Task Register_SeveralDevices_AllListedAndExpireIndependently()
    {
        await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.10:5070>", "300", callId: "desk"));
        var ok = await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.11:5070>", "120", callId: "mobile"));

        Assert.Equal(2, ok.Contacts.Count);
        f.Clock.Advance(TimeSpan.FromSeconds(121));
        var remaining = Assert.Single(await locations.GetBindingsAsync("sip:alice@example.test", CancellationToken.None));
        Assert.Equal("192.0.2.10", remaining.Contact.Uri.Host);
    }

    [Fact]
    public async Task Register_ExpiresZeroAndWildcard_RemoveBindings()
    {
        await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.10:5070>"));
        await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.11:5070>", callId: "other"));

        var removedOne = await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.10:5070>", "0"));
        Assert.Single(removedOne.Contacts);

        var removedAll = await SendAuthenticatedAsync(Register("*", "0"));
        Assert.Equal(200, removedAll.StatusCode);
        Assert.Empty(await locations.GetBindingsAsync("sip:alice@example.test", CancellationToken.None));
    }

    [Fact]
    public async Task Register_WildcardWithNonZeroExpires_IsBadRequest()
    {
        Assert.Equal(400, (await SendAuthenticatedAsync(Register("*", "60"))).StatusCode);
    }

    [Fact]
    public async Task Register_OutOfOrderCSeqForSameCallId_Gets500()
    {
        await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.10:5070>"));
        cseq = 0;

        Assert.Equal(500, (await SendAuthenticatedAsync(Register("<sip:alice@192.0.2.10:5070>"))).StatusCode);
    }
}
