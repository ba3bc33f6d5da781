using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Tests.Support;

/// <summary>A stack on a fake clock over a recording transport.</summary>
public sealed class StackFixture
{
    public StackFixture(SipTransportKind kind = SipTransportKind.Udp, SipStackOptions? options = null)
    {
        Transport = new RecordingTransport(kind);
        Stack = new SipStack(options, Clock);
        Stack.AddTransport(Transport);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordingTransport Transport { get; }

    public SipStack Stack { get; }

    public SipRequest NewOptions() =>
        Stack.CreateRequest(SipMethods.Options, SipUri.Parse("sip:peer@192.0.2.10:5070"), SipNameAddress.Parse("<sip:us@127.0.0.1>"), SipNameAddress.Parse("<sip:peer@192.0.2.10>"));

    public SipRequest NewInvite() =>
        Stack.CreateRequest(SipMethods.Invite, SipUri.Parse("sip:peer@192.0.2.10:5070"), SipNameAddress.Parse("<sip:us@127.0.0.1>"), SipNameAddress.Parse("<sip:peer@192.0.2.10>"));

    public void Advance(TimeSpan by, int steps = 1)
    {
        for (var i = 0; i < steps; i++)
        {
            Clock.Advance(by / steps);
        }
    }
}

/// <summary>A TU that records requests and answers with a fixed status (or not at all when null).</summary>
public sealed class RecordingHandler(int? answer) : ISipRequestHandler
{
    public List<SipServerTransaction> Requests { get; } = [];

    public List<SipRequest> Acks { get; } = [];

    public List<SipResponse> UnacknowledgedAnswers { get; } = [];

    /// <summary>Every source is a trusted peer (a carrier trunk), exempt from the per-source rate limit.</summary>
    public bool TrustsEverySource { get; init; }

    public bool IsTrustedPeer(SipEndPoint source) => TrustsEverySource;

    public async ValueTask OnRequestAsync(SipServerTransaction transaction)
    {
        Requests.Add(transaction);
        if (answer is { } status)
        {
            await transaction.RespondAsync(transaction.CreateResponse(status));
        }
    }

    public ValueTask OnAckAsync(SipRequest ack, SipEndPoint source)
    {
        Acks.Add(ack);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnAckTimedOutAsync(SipResponse unacknowledged)
    {
        UnacknowledgedAnswers.Add(unacknowledged);
        return ValueTask.CompletedTask;
    }
}
