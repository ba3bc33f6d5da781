using PhonePlatform.Sip.Auth;
using PhonePlatform.Sip.IntegrationTests.Support;
using PhonePlatform.Sip.Registrar;

namespace PhonePlatform.Sip.IntegrationTests.Sipp;

/// <summary>sipp as UAC against the stack over UDP on loopback.</summary>
public sealed class SippUacTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static List<string> UacArguments(string scenario, int stackPort, int calls = 1, params string[] extra) =>
    [
        "-sf", SippRunner.ScenarioPath(scenario), "-m", calls.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "127.0.0.1", "-p", SippRunner.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        .. extra, $"127.0.0.1:{stackPort}",
    ];

    private static (SipRegistrar Registrar, InMemoryLocationService Locations) NewRegistrar(params SipDigestAlgorithm[] algorithms)
    {
        var credentials = new InMemorySipCredentialStore();
        credentials.SetPassword("alice", "example.test", "wonderland");
        var locations = new InMemoryLocationService();
        var registrar = new SipRegistrar(locations, credentials, new SipRegistrarOptions { Realm = "example.test", Algorithms = algorithms });
        return (registrar, locations);
    }

    [Fact]
    public async Task Options_FromSipp_Gets200()
    {
        var agent = new TestUserAgent();
        await using var stack = await LoopbackStack.StartAsync(agent);

        var result = await SippRunner.RunAsync(UacArguments("uac_options.xml", stack.Port), Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(agent.Received, r => r.Method == SipMethods.Options);
    }

    [Fact]
    public async Task Register_WithMd5Digest_IsAuthenticatedAndBindingStored()
    {
        var (registrar, locations) = NewRegistrar(SipDigestAlgorithm.Md5);
        await using var stack = await LoopbackStack.StartAsync(new TestUserAgent(registrar));

        var result = await SippRunner.RunAsync(UacArguments("uac_register_digest.xml", stack.Port), Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        var binding = Assert.Single(await locations.GetBindingsAsync("sip:alice@example.test", CancellationToken.None));
        Assert.Equal("alice", binding.Contact.Uri.User);
        Assert.Equal("sipp-interop", binding.UserAgent);
    }

    [Fact]
    public async Task Register_WithWrongPassword_IsChallengedAgainAndNotStored()
    {
        var (registrar, locations) = NewRegistrar(SipDigestAlgorithm.Md5);
        await using var stack = await LoopbackStack.StartAsync(new TestUserAgent(registrar));

        var result = await SippRunner.RunAsync(UacArguments("uac_register_wrong_password.xml", stack.Port), Timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(await locations.GetBindingsAsync("sip:alice@example.test", CancellationToken.None));
    }

    [Fact]
    public async Task Options_WithSippDroppingPackets_CompletesThroughRetransmissions()
    {
        var agent = new TestUserAgent();
        await using var stack = await LoopbackStack.StartAsync(agent);

        // sipp loses 10% of packets (kept low so the test is not flaky: sipp gives up after 6 tries); its OPTIONS retransmissions must be answered from the server transaction.
        var result = await SippRunner.RunAsync(UacArguments("uac_options.xml", stack.Port, 3, "-lost", "10", "-l", "1"), TimeSpan.FromSeconds(40));

        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
