using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using PhonePlatform.Core;
using PhonePlatform.Core.Protection;
using PhonePlatform.Crypto;

namespace PhonePlatform.Data.Encryption;

/// <summary>
/// The one place protected fields are encrypted and decrypted. On save, every new <see cref="EncryptedText"/> of an
/// added or modified entity is sealed under the workspace's current data key with (workspace, entity, id, property)
/// as associated data, and its blind indexes are recomputed; on load, fields are opened with the cached key version
/// they name. Keys must be warm (<see cref="EncryptionKeyWarmer"/>); the interceptors take care of that.
/// </summary>
public sealed class EncryptedFieldProtector(FieldCipher fields, BlindIndex blindIndex)
{
    /// <summary>Seals the pending protected values of the tracked entities.</summary>
    public void SealPending(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified && ProtectedFields.For(entry.Metadata) is { } entity)
            {
                Seal(entry, entity);
            }
        }
    }

    /// <summary>Decrypts the protected fields of a freshly loaded entity; fields whose key is gone stay closed.</summary>
    public void Open(IEntityType entityType, object instance)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        if (ProtectedFields.For(entityType) is not { } entity || instance is not ITenantScoped scoped)
        {
            return;
        }

        var id = entityType.FindPrimaryKey()!.Properties[0].GetGetter().GetClrValue(instance)!;
        foreach (var field in entity.Fields)
        {
            if (field.GetGetter().GetClrValue(instance) is EncryptedText { HasValue: false, Ciphertext: { } ciphertext } value)
            {
                try
                {
                    value.AttachPlaintext(fields.DecryptString(scoped.WorkspaceId, ProtectedFields.Context(entity, id, field), ciphertext));
                }
                catch (KeyNotCachedException)
                {
                    // Destroyed or not loaded (e.g. a sync query): Value reports "not decrypted" if anyone asks.
                }
            }
        }
    }

    /// <summary>Blind index of a phone number or e-mail address in a workspace, for lookups.</summary>
    public ValueTask<byte[]> IndexAsync(Guid workspaceId, BlindIndexKind kind, string value, CancellationToken cancellationToken = default) =>
        kind == BlindIndexKind.PhoneNumber
            ? blindIndex.ForPhoneNumberAsync(workspaceId, value, cancellationToken)
            : blindIndex.ForEmailAsync(workspaceId, value, cancellationToken);

    private void Seal(EntityEntry entry, ProtectedEntity entity)
    {
        var workspaceId = ((ITenantScoped)entry.Entity).WorkspaceId;
        var id = entry.Property("Id").CurrentValue!;

        // Indexes first: they are recomputed only for values about to be sealed (i.e. newly assigned).
        foreach (var index in entity.Indexes)
        {
            var source = entry.Property(index.Source.Name).CurrentValue as EncryptedText;
            if (source is null)
            {
                entry.Property(index.Index.Name).CurrentValue = null;
            }
            else if (source.Ciphertext is null)
            {
                var normalised = index.Kind == BlindIndexKind.PhoneNumber
                    ? BlindIndexNormalizer.PhoneNumber(source.Value)
                    : BlindIndexNormalizer.Email(source.Value);
                var name = index.Kind == BlindIndexKind.PhoneNumber ? BlindIndex.PhoneNumberIndex : BlindIndex.EmailIndex;
                entry.Property(index.Index.Name).CurrentValue = blindIndex.Compute(workspaceId, name, normalised);
            }
        }

        foreach (var field in entity.Fields)
        {
            if (entry.Property(field.Name).CurrentValue is EncryptedText { Ciphertext: null } value)
            {
                value.AttachCiphertext(fields.Encrypt(workspaceId, ProtectedFields.Context(entity, id, field), value.Value));
            }
        }
    }
}
