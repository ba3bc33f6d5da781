using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Calls;
using PhonePlatform.Api.Problems;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases.Calls;

/// <summary>Deletes a call record and its recording (row and encrypted audio); a voicemail left on it stays.</summary>
public sealed class DeleteCall(PhonePlatformDbContext db, AuditLog audit, IWorkspaceBlobs blobs)
{
    public async Task<Outcome<Done>> ExecuteAsync(Caller caller, Guid callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var call = await CallVisibility.Calls(db, caller, toChange: true).SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return Failure.NotFound("Call");
        }

        var recordings = await db.CallRecordings.Where(r => r.CallRecordId == callId).ToListAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.CallRecordings.RemoveRange(recordings);
            db.CallRecords.Remove(call);
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(caller.Event(CallAuditActions.CallDeleted, "call", callId), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: a failure here leaves ciphertext nobody references, never a record without its audio.
        foreach (var recording in recordings)
        {
            await blobs.DeleteAsync(caller.WorkspaceId, recording.BlobName, CancellationToken.None);
        }

        return new Done();
    }
}
