using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.Billing;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Data.Configurations;

internal sealed class BillingAccountConfiguration : IEntityTypeConfiguration<BillingAccount>
{
    public void Configure(EntityTypeBuilder<BillingAccount> builder)
    {
        builder.ToTable("BillingAccounts");
        builder.HasKey(a => a.WorkspaceId);
        builder.HasOne<Workspace>().WithOne().HasForeignKey<BillingAccount>(a => a.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.StripeCustomerId).HasMaxLength(255);
        builder.Property(a => a.StripeSubscriptionId).HasMaxLength(255);
        builder.Property(a => a.StripeSubscriptionItemId).HasMaxLength(255);
        builder.Property(a => a.Plan).HasMaxLength(64);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(a => a.StripeCustomerId).IsUnique();
    }
}

internal sealed class ProcessedStripeEventConfiguration : IEntityTypeConfiguration<ProcessedStripeEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedStripeEvent> builder)
    {
        builder.ToTable("ProcessedStripeEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(128);
        builder.HasIndex(e => e.ProcessedAt);
    }
}
