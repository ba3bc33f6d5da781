using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.Cluster;

namespace PhonePlatform.Data.Configurations;

internal sealed class GatewayNodeConfiguration : IEntityTypeConfiguration<GatewayNode>
{
    public void Configure(EntityTypeBuilder<GatewayNode> builder)
    {
        builder.HasKey(n => n.NodeId);
        builder.Property(n => n.NodeId).HasMaxLength(128);
        builder.Property(n => n.SipTransport).HasMaxLength(8);
        builder.Property(n => n.SipHost).HasMaxLength(256);
    }
}
