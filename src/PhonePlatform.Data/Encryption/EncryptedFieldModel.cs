using System.Reflection;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core;
using PhonePlatform.Core.Protection;
using PhonePlatform.Data.Encryption.Internal;

namespace PhonePlatform.Data.Encryption;

/// <summary>Model conventions for protected fields: <c>bytea</c> columns for ciphertext, indexed blind indexes.</summary>
internal static class EncryptedFieldModel
{
    public static void ConfigureConventions(ModelConfigurationBuilder builder) =>
        builder.Properties<EncryptedText>().HaveConversion<EncryptedTextConverter, EncryptedTextComparer>().HaveColumnType("bytea");

    /// <summary>Every blind index is looked up by (workspace, index value).</summary>
    public static void IndexBlindIndexes(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().ToList())
        {
            if (!typeof(ITenantScoped).IsAssignableFrom(entity.ClrType))
            {
                continue;
            }

            foreach (var property in entity.GetProperties().ToList())
            {
                if (property.PropertyInfo?.GetCustomAttribute<BlindIndexOfAttribute>() is not null)
                {
                    modelBuilder.Entity(entity.ClrType).HasIndex(nameof(ITenantScoped.WorkspaceId), property.Name);
                }
            }
        }
    }
}
