using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PhonePlatform.Data.Encryption.Internal;

/// <summary>Warms the workspace's keys, then seals protected values, before EF writes anything.</summary>
internal sealed class EncryptOnSaveInterceptor(EncryptedFieldProtector protector, EncryptionKeyWarmer warmer) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        // Synchronous saves need the keys already cached; KeyNotCachedException says so.
        Seal(eventData.Context);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is PhonePlatformDbContext { CurrentWorkspaceId: { } workspaceId })
        {
            await warmer.WarmAsync(workspaceId, cancellationToken);
        }

        Seal(eventData.Context);
        return result;
    }

    private void Seal(DbContext? context)
    {
        if (context is not null)
        {
            context.ChangeTracker.DetectChanges();
            protector.SealPending(context);
        }
    }
}

/// <summary>Warms the current workspace's keys before an async query runs, so loaded rows can be opened.</summary>
internal sealed class WarmKeysOnQueryInterceptor(EncryptionKeyWarmer warmer) : DbCommandInterceptor
{
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is PhonePlatformDbContext { CurrentWorkspaceId: { } workspaceId })
        {
            await warmer.WarmAsync(workspaceId, cancellationToken);
        }

        return result;
    }
}

/// <summary>Decrypts protected fields as entities are materialised.</summary>
internal sealed class DecryptOnLoadInterceptor(EncryptedFieldProtector protector) : IMaterializationInterceptor
{
    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        protector.Open(materializationData.EntityType, entity);
        return entity;
    }
}
