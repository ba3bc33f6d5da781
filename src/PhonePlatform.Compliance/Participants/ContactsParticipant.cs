using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Participants;

/// <summary>Contacts with their phones and e-mails (cascade from the contact).</summary>
public sealed class ContactsParticipant : IWorkspaceDataParticipant
{
    public string Name => "contacts";

    public int DeletionOrder => 100;

    public async Task<IReadOnlyDictionary<string, int>> DeleteAllAsync(PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Dictionary<string, int>
        {
            ["contacts"] = await db.Set<Contact>().ExecuteDeleteAsync(cancellationToken),
        };
    }
}
