using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.Compliance;

namespace PhonePlatform.Data.Configurations;

internal sealed class DataExportConfiguration : IEntityTypeConfiguration<DataExport>
{
    public void Configure(EntityTypeBuilder<DataExport> builder)
    {
        builder.ToTable("DataExports");
        builder.HasKey(e => e.Id);
        builder.HasOne<PhonePlatform.Core.Workspaces.Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Stage).HasMaxLength(40);
        builder.Property(e => e.Error).HasMaxLength(500);
        builder.Property(e => e.LinkTokenHash).HasMaxLength(64);
        builder.Ignore(e => e.BlobName);
        // The jobs role's scans across workspaces: work to build, and completed exports to expire.
        builder.HasIndex(e => new { e.Status, e.Id });
        builder.HasIndex(e => e.ExpiresAt).HasFilter("\"Status\" = 2");
        builder.HasIndex(e => e.LinkTokenHash).IsUnique().HasFilter("\"LinkTokenHash\" IS NOT NULL");
        builder.HasIndex(e => new { e.WorkspaceId, e.Scope, e.RequestedByUserId });
    }
}
