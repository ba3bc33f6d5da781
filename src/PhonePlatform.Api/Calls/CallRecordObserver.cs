using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Sip;
using PhonePlatform.Core.Calls;
using PhonePlatform.Data;
using PhonePlatform.Data.Calls;
using PhonePlatform.Gateway.Calls;
using GatewayEndReason = PhonePlatform.Gateway.Calls.CallEndReason;

namespace PhonePlatform.Api.Calls;

/// <summary>
/// The gateway's <see cref="ICallObserver"/> writing call records: events are queued without blocking the B2BUA and
/// written in order by one background loop through <see cref="CallRecordWriter"/> (idempotent per call id, events in
/// the same transaction). Members are resolved from their SIP address of record (<see cref="SipUsernames"/>).
/// </summary>
public sealed partial class CallRecordObserver(CallRecordWriter writer, IServiceScopeFactory scopes, ILogger<CallRecordObserver> logger)
    : BackgroundService, ICallObserver
{
    private const int Capacity = 10_000;
    private readonly Channel<(CallEvent Call, CallEnded? Ended, bool Answered)> queue =
        Channel.CreateBounded<(CallEvent, CallEnded?, bool)>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    public void OnRinging(CallEvent call) => Enqueue(call, null, answered: false);

    public void OnAnswered(CallEvent call) => Enqueue(call, null, answered: true);

    public void OnEnded(CallEnded call) => Enqueue(call?.Call!, call, answered: false);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (call, ended, answered) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await writer.RecordAsync(await ToSnapshotAsync(call, ended, answered, stoppingToken), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(logger, ex, call.CallId);
            }
        }
    }

    private void Enqueue(CallEvent call, CallEnded? ended, bool answered)
    {
        if (call is not { WorkspaceId: not null, WorkspaceNumber: not null })
        {
            return; // Refused before a workspace was known: nothing to record.
        }

        if (!queue.Writer.TryWrite((call, ended, answered)))
        {
            LogDropped(logger, call.CallId);
        }
    }

    private async Task<CallSnapshot> ToSnapshotAsync(CallEvent call, CallEnded? ended, bool answered, CancellationToken cancellationToken)
    {
        var member = await MemberAsync(call.WorkspaceId!.Value, call.MemberAddressOfRecord, cancellationToken);
        var inbound = call.Direction == PhonePlatform.Gateway.Calls.CallDirection.Inbound;
        var answeredAt = answered ? call.At : ended?.AnsweredAt;
        var quality = ended?.Statistics.Count > 0 ? Quality(ended.Statistics) : null;
        return new CallSnapshot(
            call.CallId,
            call.WorkspaceId.Value,
            inbound ? Core.Calls.CallDirection.Inbound : Core.Calls.CallDirection.Outbound,
            call.WorkspaceNumber!,
            call.At)
        {
            RemoteNumber = call.RemoteNumber,
            MembershipIds = member is { } m ? [m] : [],
            // Inbound: the member who answered (none when voicemail did). Outbound: the caller, once the far end answered.
            AnsweredByMembershipId = answeredAt is not null ? member : null,
            TrunkName = call.Trunk,
            RingingAt = ended is null && !answered ? call.At : null,
            AnsweredAt = answeredAt,
            EndedAt = ended?.Call.At,
            EndReason = ended is null ? null : Reason(ended.Reason),
            SipCode = ended?.SipStatusCode,
            Quality = quality,
        };
    }

    private async Task<Guid?> MemberAsync(Guid workspaceId, string? addressOfRecord, CancellationToken cancellationToken)
    {
        // sip:w{workspace}.u{user}@domain
        var user = addressOfRecord?.Split(':', 2) is [_, var rest] ? rest.Split('@')[0] : null;
        if (!SipUsernames.TryParse(user, out var aorWorkspace, out var userId) || aorWorkspace != workspaceId)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        return await db.Memberships.Where(m => m.UserId == userId).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(cancellationToken);
    }

    private static CallQuality Quality(IReadOnlyList<CallLegStatistics> legs) => new()
    {
        PacketsReceived = legs.Sum(l => l.Media.PacketsReceived),
        PacketsLost = legs.Sum(l => l.Media.PacketsLost),
        JitterMilliseconds = legs.Max(l => l.Media.JitterMilliseconds),
        // The worst leg's RTCP round trip; null when no leg got a report back.
        RoundTripMilliseconds = legs.Max(l => l.Media.RoundTripMilliseconds),
    };

    private static Core.Calls.CallEndReason Reason(GatewayEndReason reason) => reason switch
    {
        GatewayEndReason.CallerHungUp or GatewayEndReason.CalleeHungUp => Core.Calls.CallEndReason.Completed,
        GatewayEndReason.Cancelled => Core.Calls.CallEndReason.Cancelled,
        GatewayEndReason.NoAnswer => Core.Calls.CallEndReason.NoAnswer,
        GatewayEndReason.Voicemail => Core.Calls.CallEndReason.Voicemail,
        GatewayEndReason.Busy => Core.Calls.CallEndReason.Busy,
        GatewayEndReason.Rejected => Core.Calls.CallEndReason.Rejected,
        _ => Core.Calls.CallEndReason.Failed,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the record of call {CallId} failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, Guid callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call record queue full; event of call {CallId} dropped")]
    private static partial void LogDropped(ILogger logger, Guid callId);
}
