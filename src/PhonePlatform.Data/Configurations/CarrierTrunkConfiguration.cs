using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.Trunks;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Data.Configurations;

// The credentials (EncryptedText) are configured by convention (Encryption/EncryptedFieldModel).
internal sealed class CarrierTrunkConfiguration : IEntityTypeConfiguration<CarrierTrunk>
{
    public void Configure(EntityTypeBuilder<CarrierTrunk> builder)
    {
        builder.ToTable("CarrierTrunks");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Host).HasMaxLength(253);
        builder.Property(t => t.Transport).HasConversion<string>().HasMaxLength(8);
        builder.Property(t => t.NumberFormat).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.CountryCode).HasMaxLength(3);
        builder.Property(t => t.CostPerMinute).HasPrecision(10, 5);
        builder.HasIndex(t => new { t.WorkspaceId, t.Name }).IsUnique();
        builder.HasOne<Workspace>().WithMany().HasForeignKey(t => t.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
