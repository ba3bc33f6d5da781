using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Calls;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Calls;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases.Calls;

/// <summary>Reads and replaces a number's call settings, and its voicemail greeting (validated, converted, encrypted).</summary>
public sealed class NumberCallSettingsService(PhonePlatformDbContext db, AuditLog audit, IWorkspaceBlobs blobs, TimeProvider time)
{
    public async Task<Outcome<NumberCallSettingsResponse>> GetAsync(Guid numberId, CancellationToken cancellationToken)
    {
        if (!await db.PhoneNumbers.AnyAsync(n => n.Id == numberId, cancellationToken))
        {
            return Failure.NotFound("Number");
        }

        var settings = await db.NumberCallSettings.SingleOrDefaultAsync(s => s.PhoneNumberId == numberId, cancellationToken)
            ?? new NumberCallSettings { PhoneNumberId = numberId };
        return CallSettingsMapping.ToResponse(numberId, settings, time.GetUtcNow());
    }

    public async Task<Outcome<NumberCallSettingsResponse>> ReplaceAsync(
        Caller caller, Guid numberId, NumberCallSettingsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.PhoneNumbers.AnyAsync(n => n.Id == numberId, cancellationToken))
        {
            return Failure.NotFound("Number");
        }

        var errors = new Dictionary<string, string[]>();
        var hours = CallSettingsMapping.ParseHours(request.BusinessHours, errors);
        var menu = CallSettingsMapping.ParseMenu(request.Menu, errors);
        var ringTimeout = request.RingTimeoutSeconds ?? NumberCallSettings.DefaultRingTimeoutSeconds;
        if (ringTimeout is < CallSettingsMapping.MinRingTimeoutSeconds or > CallSettingsMapping.MaxRingTimeoutSeconds)
        {
            errors["ringTimeoutSeconds"] = [$"Between {CallSettingsMapping.MinRingTimeoutSeconds} and {CallSettingsMapping.MaxRingTimeoutSeconds} seconds."];
        }

        if (request.RecordingPolicy is { } policy && !Enum.IsDefined(policy))
        {
            errors["recordingPolicy"] = ["Use 'never', 'always' or 'onDemand'."];
        }

        var members = menu.SelectMany(m => m.MembershipIds).Distinct().ToList();
        var known = await db.Memberships.Where(m => members.Contains(m.Id)).CountAsync(cancellationToken);
        if (known != members.Count)
        {
            errors["menu"] = ["A ring group names a member who is not in this workspace."];
        }

        if (errors.Count > 0)
        {
            return new Failure(StatusCodes.Status400BadRequest, "validation", "The request is not valid", "See errors.", errors);
        }

        var settings = await db.NumberCallSettings.SingleOrDefaultAsync(s => s.PhoneNumberId == numberId, cancellationToken);
        if (settings is null)
        {
            settings = new NumberCallSettings { PhoneNumberId = numberId };
            db.NumberCallSettings.Add(settings);
        }

        settings.BusinessHours = hours;
        settings.RingTimeoutSeconds = ringTimeout;
        settings.RecordingPolicy = request.RecordingPolicy ?? RecordingPolicy.Never;
        settings.RecordingAnnouncement = request.RecordingAnnouncement ?? true;
        settings.Menu = menu;
        settings.UpdatedAt = time.GetUtcNow();
        await SaveAuditedAsync(caller, CallAuditActions.CallSettingsChanged, numberId, cancellationToken);
        return CallSettingsMapping.ToResponse(numberId, settings, time.GetUtcNow());
    }

    /// <summary>Validates and converts a WAV upload, stores it encrypted, and makes it the number's greeting.</summary>
    public async Task<Outcome<NumberCallSettingsResponse>> SetGreetingAsync(Caller caller, Guid numberId, byte[] upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!await db.PhoneNumbers.AnyAsync(n => n.Id == numberId, cancellationToken))
        {
            return Failure.NotFound("Number");
        }

        var (wav, error) = await GreetingConverter.ConvertAsync(upload, cancellationToken);
        if (wav is null)
        {
            return Failure.Validation("greeting", error!);
        }

        var blobName = $"greetings/{numberId:N}-{Guid.CreateVersion7():N}.wav";
        await blobs.StoreAsync(caller.WorkspaceId, BlobKind.Other, blobName, new MemoryStream(wav), cancellationToken);
        await DeleteBlobAsync(caller.WorkspaceId, await ReplaceGreetingAsync(caller, numberId, blobName, cancellationToken));
        return await GetAsync(numberId, cancellationToken);
    }

    public async Task<Outcome<NumberCallSettingsResponse>> RemoveGreetingAsync(Caller caller, Guid numberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!await db.PhoneNumbers.AnyAsync(n => n.Id == numberId, cancellationToken))
        {
            return Failure.NotFound("Number");
        }

        await DeleteBlobAsync(caller.WorkspaceId, await ReplaceGreetingAsync(caller, numberId, null, cancellationToken));
        return await GetAsync(numberId, cancellationToken);
    }

    private async Task<string?> ReplaceGreetingAsync(Caller caller, Guid numberId, string? blobName, CancellationToken cancellationToken)
    {
        var settings = await db.NumberCallSettings.SingleOrDefaultAsync(s => s.PhoneNumberId == numberId, cancellationToken);
        if (settings is null)
        {
            settings = new NumberCallSettings { PhoneNumberId = numberId };
            db.NumberCallSettings.Add(settings);
        }

        var previous = settings.GreetingBlobName;
        settings.GreetingBlobName = blobName;
        settings.UpdatedAt = time.GetUtcNow();
        await SaveAuditedAsync(caller, CallAuditActions.GreetingChanged, numberId, cancellationToken);
        return previous;
    }

    private async Task SaveAuditedAsync(Caller caller, string action, Guid numberId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(caller.Event(action, "phone_number", numberId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // After the commit, so a failure leaves unreferenced ciphertext rather than a setting without its audio.
    private async Task DeleteBlobAsync(Guid workspaceId, string? previousBlobName)
    {
        if (previousBlobName is not null)
        {
            await blobs.DeleteAsync(workspaceId, previousBlobName, CancellationToken.None);
        }
    }
}
