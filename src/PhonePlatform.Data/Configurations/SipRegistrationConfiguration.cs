using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.Registrations;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Data.Configurations;

internal sealed class SipRegistrationConfiguration : IEntityTypeConfiguration<SipRegistration>
{
    public void Configure(EntityTypeBuilder<SipRegistration> builder)
    {
        builder.Property(r => r.AddressOfRecord).HasMaxLength(256);
        builder.Property(r => r.Contact).HasMaxLength(2048);
        builder.Property(r => r.ContactUri).HasMaxLength(1024);
        builder.Property(r => r.InstanceId).HasMaxLength(256);
        builder.Property(r => r.RegId).HasMaxLength(16);
        builder.Property(r => r.CallId).HasMaxLength(256);
        builder.Property(r => r.FlowTransport).HasMaxLength(16);
        builder.Property(r => r.FlowAddress).HasMaxLength(64);
        builder.Property(r => r.NodeId).HasMaxLength(128);
        builder.Property(r => r.UserAgent).HasMaxLength(256);
        builder.HasIndex(r => new { r.WorkspaceId, r.AddressOfRecord });
        builder.HasIndex(r => new { r.WorkspaceId, r.UserId });
        // The sweep of expired bindings.
        builder.HasIndex(r => r.ExpiresAt);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
