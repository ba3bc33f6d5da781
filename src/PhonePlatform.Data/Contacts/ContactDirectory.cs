using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Core.Contacts;
using PhonePlatform.Core.Protection;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Data.Contacts;

/// <summary>
/// <see cref="IContactDirectory"/> through the phone-number blind index; runs in its own scope confined to the
/// given workspace, so it can be called from SIP/SMS handlers that have no request principal.
/// </summary>
public sealed class ContactDirectory(IServiceScopeFactory scopes, EncryptedFieldProtector protector) : IContactDirectory
{
    public async Task<ContactMatch?> FindByNumberAsync(Guid workspaceId, string e164, CancellationToken cancellationToken = default)
    {
        byte[] index;
        try
        {
            index = await protector.IndexAsync(workspaceId, BlindIndexKind.PhoneNumber, e164, cancellationToken);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (KeyDestroyedException)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var contact = await db.Contacts
            .Where(c => c.Phones.Any(p => p.NumberIndex == index))
            .OrderBy(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return contact is { Name.HasValue: true } ? new ContactMatch(contact.Id, contact.Name.Value) : null;
    }
}
