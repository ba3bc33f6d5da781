using System.Text;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Identity;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Protection;
using PhonePlatform.Core.Workspaces;
using PhonePlatform.Crypto;

namespace PhonePlatform.Compliance.IntegrationTests.Support;

/// <summary>A workspace with one owner, a number with a grant, two encrypted contacts and a catalogued recording blob.</summary>
internal static class SampleWorkspace
{
    public const string BlobName = "recordings/call-1.wav";

    public static async Task<Guid> CreateAsync(ComplianceStack stack, string name)
    {
        var workspace = new Workspace { Name = name, CreatedAt = stack.Clock.GetUtcNow() };
        var user = new User { Email = $"{Guid.NewGuid():N}@example.org", PasswordHash = "not-a-real-hash" };
        var (scope, db) = stack.Open(workspace.Id);
        await using (scope)
        {
            db.Workspaces.Add(workspace);
            db.Users.Add(user);
            var membership = new Membership { UserId = user.Id, Role = Role.Owner };
            db.Memberships.Add(membership);
            var number = new PhoneNumber { E164 = "+1202555" + Random.Shared.Next(1000, 9999) };
            db.PhoneNumbers.Add(number);
            await db.SaveChangesAsync();
            db.NumberAccess.Add(new NumberAccess { PhoneNumberId = number.Id, MembershipId = membership.Id });
            for (var i = 0; i < 2; i++)
            {
                var contact = new Contact { Name = EncryptedText.From($"Person {i}"), CreatedAt = stack.Clock.GetUtcNow(), UpdatedAt = stack.Clock.GetUtcNow() };
                contact.Phones.Add(new ContactPhone { Number = EncryptedText.From($"+1202555010{i}") });
                db.Contacts.Add(contact);
            }

            await db.SaveChangesAsync();
        }

        using var recording = new MemoryStream(Encoding.ASCII.GetBytes("RIFF....WAVEfmt sample recording of " + name));
        await stack.Get<IWorkspaceBlobs>().StoreAsync(workspace.Id, BlobKind.Recording, BlobName, recording);
        return workspace.Id;
    }
}
