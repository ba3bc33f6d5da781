using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhonePlatform.Core.Calls;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Data.Configurations;

// Protected columns (EncryptedText) and blind-index indexes are configured by convention (Encryption/EncryptedFieldModel).
internal sealed class CallRecordConfiguration : IEntityTypeConfiguration<CallRecord>
{
    public void Configure(EntityTypeBuilder<CallRecord> builder)
    {
        // The id is the gateway's call id, not generated here.
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.WorkspaceNumber).HasMaxLength(16);
        builder.Property(c => c.TrunkId).HasMaxLength(100);
        builder.Property(c => c.TrunkName).HasMaxLength(100);
        builder.Property(c => c.Direction).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.EndReason).HasConversion<string>().HasMaxLength(16);
        builder.OwnsOne(c => c.Quality);
        builder.Ignore(c => c.Missed);
        builder.HasIndex(c => new { c.WorkspaceId, c.StartedAt });
        builder.HasIndex(c => new { c.WorkspaceId, c.PhoneNumberId });
        builder.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        // A record outlives the number it was made on.
        builder.HasOne<PhoneNumber>().WithMany().HasForeignKey(c => c.PhoneNumberId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class VoicemailConfiguration : IEntityTypeConfiguration<Voicemail>
{
    public void Configure(EntityTypeBuilder<Voicemail> builder)
    {
        builder.ToTable("Voicemails");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Number).HasMaxLength(16);
        builder.Property(v => v.BlobName).HasMaxLength(200);
        builder.HasIndex(v => new { v.WorkspaceId, v.PhoneNumberId });
        builder.HasOne<Workspace>().WithMany().HasForeignKey(v => v.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PhoneNumber>().WithMany().HasForeignKey(v => v.PhoneNumberId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<CallRecord>().WithMany().HasForeignKey(v => v.CallRecordId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CallRecordingConfiguration : IEntityTypeConfiguration<CallRecording>
{
    public void Configure(EntityTypeBuilder<CallRecording> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.BlobName).HasMaxLength(200);
        builder.HasIndex(r => r.CallRecordId);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CallRecord>().WithMany().HasForeignKey(r => r.CallRecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NumberCallSettingsConfiguration : IEntityTypeConfiguration<NumberCallSettings>
{
    public void Configure(EntityTypeBuilder<NumberCallSettings> builder)
    {
        builder.ToTable("NumberCallSettings");
        builder.HasIndex(s => s.PhoneNumberId).IsUnique();
        builder.Property(s => s.RecordingPolicy).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.GreetingBlobName).HasMaxLength(200);
        builder.OwnsOne(s => s.BusinessHours, hours =>
        {
            hours.ToJson();
            hours.OwnsMany(h => h.Weekly);
        });
        builder.OwnsMany(s => s.Menu, menu => menu.ToJson());
        builder.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PhoneNumber>().WithMany().HasForeignKey(s => s.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
    }
}
