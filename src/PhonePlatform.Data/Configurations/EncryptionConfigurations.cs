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

internal sealed class KeyRotationConfiguration : IEntityTypeConfiguration<KeyRotation>
{
    public void Configure(EntityTypeBuilder<KeyRotation> builder)
    {
        builder.HasIndex(r => new { r.WorkspaceId, r.StartedAt });
        builder.HasOne<PhonePlatform.Core.Workspaces.Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
