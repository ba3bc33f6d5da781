using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Media.Ice;
using PhonePlatform.Media.Stun;

namespace PhonePlatform.Media.Tests.Ice;

public sealed class IceLiteAgentTests : IDisposable
{
    private static readonly IceCredentials Local = new("LoCaL123", "abcdefghijklmnopqrstuvwx");
    private const string RemoteUfrag = "rEmO";
    private static readonly IPEndPoint Browser = new(IPAddress.Loopback, 50_000);

    private readonly FakeTimeProvider time = new();
    private readonly IceLiteAgent agent;
    private readonly byte[] response = new byte[IceLiteAgent.MaxResponseLength];

    public IceLiteAgentTests() => agent = new IceLiteAgent(Local, RemoteUfrag, time);

    public void Dispose() => agent.Dispose();

    [Fact]
    public void HandleStun_ValidCheckLikeChromiums_AnswersWithXorMappedAddressIntegrityAndFingerprint()
    {
        var request = Check(useCandidate: false, withGoogNetworkInfo: true);

        var outcome = agent.HandleStun(request, Browser, response, out var length);

        Assert.Equal(IceCheckOutcome.Answered, outcome);
        Assert.True(StunMessage.TryParse(response.AsSpan(0, length), out var answer));
        Assert.Equal(StunMessageType.BindingSuccessResponse, answer.Type);
        Assert.True(answer.TransactionId.SequenceEqual(request.AsSpan(8, 12)));
        Assert.True(answer.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(Browser, mapped);
        Assert.True(answer.HasValidMessageIntegrity(Encoding.ASCII.GetBytes(Local.Password)));
        Assert.True(answer.HasValidFingerprint());
        Assert.True(agent.IsValidatedSource(Browser));
        Assert.Null(agent.NominatedEndPoint);
    }

    [Fact]
    public void HandleStun_UseCandidate_NominatesSourceOnceAndFollowsLaterNomination()
    {
        var nominations = new List<IPEndPoint>();
        agent.Nominated += nominations.Add;
        var other = new IPEndPoint(IPAddress.Loopback, 50_002);

        Assert.Equal(IceCheckOutcome.AnsweredAndNominated, agent.HandleStun(Check(useCandidate: true), Browser, response, out _));
        Assert.Equal(IceCheckOutcome.AnsweredAndNominated, agent.HandleStun(Check(useCandidate: true), other, response, out _));

        Assert.Equal([Browser], nominations);
        Assert.Equal(other, agent.NominatedEndPoint);
    }

    [Fact]
    public void HandleStun_WrongPassword_Answers401AndDoesNotTrustSource()
    {
        var request = Check(useCandidate: true, password: "wrongwrongwrongwrongwrong");

        var outcome = agent.HandleStun(request, Browser, response, out var length);

        Assert.Equal(IceCheckOutcome.Rejected, outcome);
        Assert.True(StunMessage.TryParse(response.AsSpan(0, length), out var answer));
        Assert.Equal(StunMessageType.BindingErrorResponse, answer.Type);
        Assert.True(answer.TryGetAttribute(StunAttributeType.ErrorCode, out var error));
        Assert.Equal(4, error[2]);
        Assert.Equal(1, error[3]);
        Assert.False(agent.IsValidatedSource(Browser));
        Assert.Null(agent.NominatedEndPoint);
    }

    [Fact]
    public void HandleStun_WrongUsername_IsRejected()
    {
        var request = Check(useCandidate: false, username: "LoCaL123:other");

        Assert.Equal(IceCheckOutcome.Rejected, agent.HandleStun(request, Browser, response, out _));
        Assert.False(agent.IsValidatedSource(Browser));
    }

    [Fact]
    public void HandleStun_UnknownComprehensionRequiredAttribute_Answers420WithUnknownAttributes()
    {
        var request = Check(useCandidate: false, extraRequiredAttribute: 0x7F01);

        var outcome = agent.HandleStun(request, Browser, response, out var length);

        Assert.Equal(IceCheckOutcome.UnknownAttribute, outcome);
        Assert.True(StunMessage.TryParse(response.AsSpan(0, length), out var answer));
        Assert.True(answer.TryGetAttribute(StunAttributeType.UnknownAttributes, out var unknown));
        Assert.Equal(new byte[] { 0x7F, 0x01 }, unknown.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("16fefd0000000000000000")]
    [InlineData("000100002112a442")]
    public void HandleStun_GarbageOrTruncated_IsDroppedWithoutAnswer(string hex)
    {
        Assert.Equal(IceCheckOutcome.Dropped, agent.HandleStun(Convert.FromHexString(hex), Browser, response, out var length));
        Assert.Equal(0, length);
    }

    [Fact]
    public void ConsentExpired_NoCheckFor30Seconds_RaisedOnce()
    {
        var raised = 0;
        agent.ConsentExpired += () => raised++;

        agent.HandleStun(Check(useCandidate: true), Browser, response, out _);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, raised);

        time.Advance(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, raised);
    }

    [Fact]
    public void ConsentExpired_ChecksKeepArriving_NeverRaised()
    {
        var raised = 0;
        agent.ConsentExpired += () => raised++;

        for (var i = 0; i < 60; i++)
        {
            agent.HandleStun(Check(useCandidate: false), Browser, response, out _);
            time.Advance(TimeSpan.FromSeconds(2.5));
        }

        Assert.Equal(0, raised);
    }

    [Fact]
    public void ConsentExpired_OnlyInvalidChecks_Raised()
    {
        var raised = 0;
        agent.ConsentExpired += () => raised++;

        for (var i = 0; i < 14; i++)
        {
            agent.HandleStun(Check(useCandidate: false, password: "wrongwrongwrongwrongwrong"), Browser, response, out _);
            time.Advance(TimeSpan.FromSeconds(2.5));
        }

        Assert.Equal(1, raised);
    }

    /// <summary>A binding request shaped like Chromium 156's (see the interop notes).</summary>
    internal static byte[] Check(
        bool useCandidate, string? password = null, string? username = null, bool withGoogNetworkInfo = false,
        ushort? extraRequiredAttribute = null)
    {
        var buffer = new byte[256];
        var transaction = new byte[12];
        Random.Shared.NextBytes(transaction);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, transaction);
        writer.AddAttribute(StunAttributeType.Username, Encoding.ASCII.GetBytes(username ?? Local.Ufrag + ":" + RemoteUfrag));
        if (withGoogNetworkInfo)
        {
            writer.AddAttribute(0xC057, [0, 1, 0, 0x0A]);
        }

        if (extraRequiredAttribute is { } extra)
        {
            writer.AddAttribute(extra, [1, 2, 3, 4]);
        }

        writer.AddAttribute(StunAttributeType.IceControlling, [1, 2, 3, 4, 5, 6, 7, 8]);
        if (useCandidate)
        {
            writer.AddAttribute(StunAttributeType.UseCandidate, []);
        }

        writer.AddAttribute(StunAttributeType.Priority, [0x6e, 0, 1, 0xff]);
        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(password ?? Local.Password));
        writer.AddFingerprint();
        return buffer.AsSpan(0, writer.Length).ToArray();
    }
}
