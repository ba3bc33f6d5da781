using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.Events;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Data.Configurations;

internal sealed class WorkspaceEventConfiguration : IEntityTypeConfiguration<WorkspaceEvent>
{
    public void Configure(EntityTypeBuilder<WorkspaceEvent> builder)
    {
        builder.ToTable("WorkspaceEvents");
        builder.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => new { e.WorkspaceId, e.Sequence });
        builder.Property(e => e.Type).HasMaxLength(64);
        // The dispatcher's work list: events not yet fanned out, oldest first.
        builder.HasIndex(e => e.Sequence, "IX_WorkspaceEvents_Pending").HasFilter("\"FannedOutAt\" IS NULL");
        builder.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
