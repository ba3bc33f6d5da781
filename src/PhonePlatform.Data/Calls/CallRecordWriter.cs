using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Core.Calls;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Protection;

namespace PhonePlatform.Data.Calls;

/// <summary>
/// Writes call records from the gateway's lifecycle snapshots, idempotently per call id: each timestamp is kept
/// from its first report, members accumulate, and each transition (ringing, answered, ended) writes its
/// <c>call.*</c> event exactly once, in the same transaction as the record change (transactional outbox).
/// </summary>
public sealed class CallRecordWriter(IServiceScopeFactory scopes)
{
    /// <summary>Merges <paramref name="snapshot"/> into the call's record.</summary>
    /// <returns>The record as stored.</returns>
    public async Task<CallRecord> RecordAsync(CallSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // Two first reports of one call may race to insert: the loser retries as an update.
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
            db.UseWorkspace(snapshot.WorkspaceId);
            try
            {
                return await MergeAsync(db, snapshot, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt == 0 && DbErrors.IsUniqueViolation(ex))
            {
                // Retry in a fresh context.
            }
        }
    }

    private static async Task<CallRecord> MergeAsync(PhonePlatformDbContext db, CallSnapshot snapshot, CancellationToken cancellationToken)
    {
        var call = await db.CallRecords.SingleOrDefaultAsync(c => c.Id == snapshot.CallId, cancellationToken);
        if (call is null)
        {
            call = new CallRecord
            {
                Id = snapshot.CallId,
                WorkspaceId = snapshot.WorkspaceId,
                Direction = snapshot.Direction,
                WorkspaceNumber = snapshot.WorkspaceNumber,
                StartedAt = snapshot.StartedAt,
                PhoneNumberId = await db.PhoneNumbers.Where(n => n.E164 == snapshot.WorkspaceNumber).Select(n => (Guid?)n.Id)
                    .SingleOrDefaultAsync(cancellationToken),
            };
            db.CallRecords.Add(call);
        }

        var wasRinging = call.RingingAt is not null;
        var wasAnswered = call.AnsweredAt is not null;
        var wasEnded = call.EndedAt is not null;
        Merge(call, snapshot);

        var data = CallEventData.From(call);
        if (!wasRinging && call.RingingAt is { } ringing)
        {
            db.WorkspaceEvents.Add(WorkspaceEvent.Create(call.WorkspaceId, WorkspaceEventTypes.CallRinging, data, ringing));
        }

        if (!wasAnswered && call.AnsweredAt is { } answered)
        {
            db.WorkspaceEvents.Add(WorkspaceEvent.Create(call.WorkspaceId, WorkspaceEventTypes.CallAnswered, data, answered));
        }

        if (!wasEnded && call.EndedAt is { } ended)
        {
            var type = call.Missed ? WorkspaceEventTypes.CallMissed : WorkspaceEventTypes.CallCompleted;
            db.WorkspaceEvents.Add(WorkspaceEvent.Create(call.WorkspaceId, type, data, ended));
        }

        await db.SaveChangesAsync(cancellationToken);
        return call;
    }

    private static void Merge(CallRecord call, CallSnapshot snapshot)
    {
        if (call.RemoteNumber is null && snapshot.RemoteNumber is { Length: > 0 } remote)
        {
            call.RemoteNumber = EncryptedText.From(remote);
        }

        var members = snapshot.MembershipIds.Concat(snapshot.AnsweredByMembershipId is { } a ? [a] : []).Except(call.MembershipIds).ToList();
        if (members.Count > 0)
        {
            // A new list, so the change tracker sees the array column change.
            call.MembershipIds = [.. call.MembershipIds, .. members];
        }

        call.AnsweredByMembershipId ??= snapshot.AnsweredByMembershipId;
        call.TrunkId ??= snapshot.TrunkId;
        call.TrunkName ??= snapshot.TrunkName;
        call.RingingAt ??= snapshot.RingingAt;
        call.AnsweredAt ??= snapshot.AnsweredAt;
        if (call.EndedAt is null && snapshot.EndedAt is not null)
        {
            call.EndedAt = snapshot.EndedAt;
            call.EndReason = snapshot.EndReason;
            call.SipCode = snapshot.SipCode;
            call.Quality = snapshot.Quality;
        }
    }
}
