using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.Compliance;

namespace PhonePlatform.Data.Configurations;

internal sealed class WorkspaceCancellationConfiguration : IEntityTypeConfiguration<WorkspaceCancellation>
{
    public void Configure(EntityTypeBuilder<WorkspaceCancellation> builder)
    {
        builder.ToTable("WorkspaceCancellations");
        builder.HasKey(c => c.WorkspaceId);
        // The retention job's scan: due and not yet purged.
        builder.HasIndex(c => c.PurgeAfter).HasFilter("\"PurgedAt\" IS NULL");
    }
}

internal sealed class DeletionCertificateConfiguration : IEntityTypeConfiguration<DeletionCertificate>
{
    public void Configure(EntityTypeBuilder<DeletionCertificate> builder)
    {
        builder.ToTable("DeletionCertificates");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.WorkspaceId);
        builder.Property(c => c.Sha256).HasMaxLength(64);
    }
}
