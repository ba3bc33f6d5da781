using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Data.Configurations;

internal sealed class WorkspaceKeyRowConfiguration : IEntityTypeConfiguration<WorkspaceKeyRow>
{
    public void Configure(EntityTypeBuilder<WorkspaceKeyRow> builder)
    {
        builder.ToTable("WorkspaceKeys");
        builder.HasKey(k => new { k.WorkspaceId, k.Purpose, k.Version });
        builder.Property(k => k.ProviderName).HasMaxLength(32);
        // At most one current version per purpose, enforced by the database as well as by the store.
        builder.HasIndex(k => new { k.WorkspaceId, k.Purpose }).IsUnique().HasFilter("\"IsCurrent\"");
    }
}
