using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Data.Blobs;

namespace PhonePlatform.Data.Configurations;

internal sealed class StoredBlobConfiguration : IEntityTypeConfiguration<StoredBlob>
{
    public void Configure(EntityTypeBuilder<StoredBlob> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(900);
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(b => new { b.WorkspaceId, b.Name }).IsUnique();
        // Retention and export select by kind and age; rotation by key version.
        builder.HasIndex(b => new { b.WorkspaceId, b.Kind, b.CreatedAt });
        builder.HasOne<PhonePlatform.Core.Workspaces.Workspace>().WithMany().HasForeignKey(b => b.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
