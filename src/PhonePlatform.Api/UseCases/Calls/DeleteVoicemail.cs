using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Calls;
using PhonePlatform.Api.Problems;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases.Calls;

/// <summary>Deletes a voicemail: its record, the call record's link to it, and its encrypted audio.</summary>
public sealed class DeleteVoicemail(PhonePlatformDbContext db, AuditLog audit, IWorkspaceBlobs blobs)
{
    public async Task<Outcome<Done>> ExecuteAsync(Caller caller, Guid voicemailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var voicemail = await CallVisibility.Voicemails(db, caller, toChange: true).SingleOrDefaultAsync(v => v.Id == voicemailId, cancellationToken);
        if (voicemail is null)
        {
            return Failure.NotFound("Voicemail");
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.CallRecords.Where(c => c.VoicemailId == voicemailId)
                .ExecuteUpdateAsync(c => c.SetProperty(r => r.VoicemailId, (Guid?)null), cancellationToken);
            db.Voicemails.Remove(voicemail);
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(caller.Event(CallAuditActions.VoicemailDeleted, "voicemail", voicemailId), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: a failure here leaves ciphertext nobody references, never a record without its audio.
        await blobs.DeleteAsync(caller.WorkspaceId, voicemail.BlobName, CancellationToken.None);
        return new Done();
    }
}
