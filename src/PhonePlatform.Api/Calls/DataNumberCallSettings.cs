using Microsoft.EntityFrameworkCore;
using PhonePlatform.Core.Calls;
using PhonePlatform.Crypto;
using PhonePlatform.Data;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Api.Calls;

/// <summary>The gateway's call-settings port over the data layer: business hours evaluated now, greeting decrypted.</summary>
public sealed class DataNumberCallSettings(IServiceScopeFactory scopes, IWorkspaceBlobs blobs, TimeProvider time) : INumberCallSettings
{
    public async Task<NumberCallPolicy> GetAsync(Guid workspaceId, string number, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.UseWorkspace(workspaceId);
        var settings = await db.NumberCallSettings.AsNoTracking()
            .Where(s => db.PhoneNumbers.Any(n => n.Id == s.PhoneNumberId && n.E164 == number))
            .SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            return NumberCallPolicy.Default;
        }

        byte[]? greeting = null;
        if (settings.GreetingBlobName is { } blobName)
        {
            await using var audio = await blobs.OpenReadAsync(workspaceId, blobName, cancellationToken);
            using var copy = new MemoryStream();
            await audio.CopyToAsync(copy, cancellationToken);
            greeting = copy.ToArray();
        }

        return new NumberCallPolicy(
            settings.BusinessHours?.IsOpenAt(time.GetUtcNow()) ?? true,
            TimeSpan.FromSeconds(settings.RingTimeoutSeconds),
            settings.RecordingPolicy switch
            {
                RecordingPolicy.Always => CallRecordingMode.Always,
                RecordingPolicy.OnDemand => CallRecordingMode.OnDemand,
                _ => CallRecordingMode.Never,
            },
            settings.RecordingAnnouncement,
            greeting,
            [.. settings.Menu.Select(m => new MenuChoice(m.Digit[0], m.MembershipIds, m.ForwardTo))]);
    }
}
