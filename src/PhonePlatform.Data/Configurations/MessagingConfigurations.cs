using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Data.Configurations;

// Protected columns (Body, Participant) and their blind indexes are configured by convention (Encryption/EncryptedFieldModel).
internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("Conversations");
        builder.HasIndex(c => new { c.WorkspaceId, c.LastMessageAt, c.Id });
        builder.HasIndex(c => new { c.PhoneNumberId, c.ParticipantIndex }).IsUnique();
        builder.HasOne<PhoneNumber>().WithMany().HasForeignKey(c => c.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("Messages");
        builder.HasIndex(m => new { m.ConversationId, m.Id });
        builder.Property(m => m.Direction).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Carrier).HasMaxLength(32);
        builder.Property(m => m.CarrierMessageId).HasMaxLength(65);
        builder.HasIndex(m => m.CarrierMessageId);
        builder.Property(m => m.CarrierMessageIds).HasMaxLength(2048);
        builder.Property(m => m.FailureReason).HasMaxLength(256);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SmsOutboxEntryConfiguration : IEntityTypeConfiguration<SmsOutboxEntry>
{
    public void Configure(EntityTypeBuilder<SmsOutboxEntry> builder)
    {
        builder.ToTable("SmsOutbox");
        builder.HasIndex(o => o.MessageId).IsUnique();
        builder.HasIndex(o => o.NextAttemptAt);
        builder.Property(o => o.LastError).HasMaxLength(256);
        builder.HasOne<Message>().WithMany().HasForeignKey(o => o.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(o => o.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SmsOptOutConfiguration : IEntityTypeConfiguration<SmsOptOut>
{
    public void Configure(EntityTypeBuilder<SmsOptOut> builder)
    {
        builder.ToTable("SmsOptOuts");
        builder.HasIndex(o => new { o.PhoneNumberId, o.ParticipantIndex }).IsUnique();
        builder.HasOne<PhoneNumber>().WithMany().HasForeignKey(o => o.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(o => o.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
