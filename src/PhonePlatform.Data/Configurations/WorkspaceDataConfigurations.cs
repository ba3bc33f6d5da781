using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.ApiKeys;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Idempotency;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Data.Configurations;

internal sealed class PhoneNumberConfiguration : IEntityTypeConfiguration<PhoneNumber>
{
    public void Configure(EntityTypeBuilder<PhoneNumber> builder)
    {
        builder.Property(n => n.E164).HasMaxLength(16);
        builder.Property(n => n.Label).HasMaxLength(100);
        // Unique per workspace only: a global index would tell one tenant that another holds a number.
        builder.HasIndex(n => new { n.WorkspaceId, n.E164 }).IsUnique();
        // The gateway's dialled-number lookup (PlatformQueries.FindNumberOwnerAsync), before any workspace is known.
        builder.HasIndex(n => n.E164);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(n => n.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NumberAccessConfiguration : IEntityTypeConfiguration<NumberAccess>
{
    public void Configure(EntityTypeBuilder<NumberAccess> builder)
    {
        builder.HasIndex(a => new { a.PhoneNumberId, a.MembershipId }).IsUnique();
        builder.HasIndex(a => new { a.WorkspaceId, a.MembershipId });
        builder.HasOne<PhoneNumber>().WithMany().HasForeignKey(a => a.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Membership>().WithMany().HasForeignKey(a => a.MembershipId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(k => k.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // Two appends racing for the same sequence fail here instead of forking the chain.
        builder.HasIndex(a => new { a.WorkspaceId, a.Sequence }).IsUnique();
        builder.HasIndex(a => new { a.WorkspaceId, a.Action });
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.ActorIp).HasMaxLength(45);
        builder.Property(a => a.TargetType).HasMaxLength(64);
        builder.Property(a => a.TargetId).HasMaxLength(64);
        builder.Property(a => a.Details).HasMaxLength(1000);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(a => a.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.Property(r => r.Scope).HasMaxLength(100);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(500);
        builder.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
    }
}
