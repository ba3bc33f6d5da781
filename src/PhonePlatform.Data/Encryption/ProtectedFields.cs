using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;
using PhonePlatform.Core;
using PhonePlatform.Core.Protection;

namespace PhonePlatform.Data.Encryption;

/// <summary>The protected (<see cref="EncryptedText"/>) properties and blind indexes of one entity type.</summary>
public sealed record ProtectedEntity(IEntityType EntityType, IReadOnlyList<IProperty> Fields, IReadOnlyList<BlindIndexedProperty> Indexes)
{
    /// <summary>Entity name bound into every ciphertext of this type (the CLR type name, e.g. <c>Contact</c>).</summary>
    public string Name => EntityType.ClrType.Name;
}

/// <summary>A <c>byte[]</c> blind-index property and the protected property it indexes.</summary>
public sealed record BlindIndexedProperty(IProperty Index, IProperty Source, BlindIndexKind Kind);

/// <summary>
/// Discovers protected fields from the EF model: every entity with an <see cref="EncryptedText"/> property registers
/// itself, so encryption on save, decryption on load and key rotation cover new entities without further wiring.
/// </summary>
public static class ProtectedFields
{
    private static readonly Dictionary<IEntityType, ProtectedEntity?> Cache = [];
    private static readonly Lock Gate = new();

    /// <summary>The protected entity types of a model (for rotation and raw-row checks).</summary>
    public static IReadOnlyList<ProtectedEntity> All(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetEntityTypes().Select(For).OfType<ProtectedEntity>().ToList();
    }

    /// <summary>The protected fields of an entity type, or null when it has none.</summary>
    public static ProtectedEntity? For(IEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        lock (Gate)
        {
            if (!Cache.TryGetValue(entityType, out var found))
            {
                found = Describe(entityType);
                Cache[entityType] = found;
            }

            return found;
        }
    }

    /// <summary>The context bound into a field's ciphertext.</summary>
    public static Crypto.FieldContext Context(ProtectedEntity entity, object recordId, IProperty field)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(field);
        return new Crypto.FieldContext(entity.Name, Convert.ToString(recordId, System.Globalization.CultureInfo.InvariantCulture)!, field.Name);
    }

    private static ProtectedEntity? Describe(IEntityType entityType)
    {
        var fields = entityType.GetProperties().Where(p => p.ClrType == typeof(EncryptedText)).ToList();
        if (fields.Count == 0)
        {
            return null;
        }

        if (!typeof(ITenantScoped).IsAssignableFrom(entityType.ClrType) || entityType.FindPrimaryKey() is not { Properties: [{ Name: "Id" }] })
        {
            throw new InvalidOperationException(
                $"{entityType.ClrType.Name} has protected fields, so it must be ITenantScoped with a single 'Id' key.");
        }

        var indexes = new List<BlindIndexedProperty>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.PropertyInfo?.GetCustomAttribute<BlindIndexOfAttribute>() is { } attribute)
            {
                var source = entityType.FindProperty(attribute.SourceProperty);
                if (source?.ClrType != typeof(EncryptedText) || property.ClrType != typeof(byte[]))
                {
                    throw new InvalidOperationException(
                        $"{entityType.ClrType.Name}.{property.Name}: a blind index is a byte[] over an EncryptedText property.");
                }

                indexes.Add(new BlindIndexedProperty(property, source, attribute.Kind));
            }
        }

        return new ProtectedEntity(entityType, fields, indexes);
    }
}
