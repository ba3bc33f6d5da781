using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhonePlatform.Backups.Internal;
using PhonePlatform.Crypto;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Backups;

/// <summary>
/// Integrity checks of a restored database against its manifest: exact row counts, every workspace's audit chain,
/// a sample of encrypted fields and blobs of every workspace decrypting with the key provider through the
/// <em>restored</em> wrapped keys, and every blob of the manifest still in the store unchanged. Workspaces whose keys
/// were all destroyed (crypto-shredded) must stay unreadable: a sample that decrypts there fails the check.
/// </summary>
public sealed class RestoreVerifier(IKeyProvider keyProvider, IBlobStore store, BackupOptions options, TimeProvider time)
{
    public async Task<IReadOnlyList<RestoreCheck>> VerifyAsync(string restoredConnectionString, BackupManifest manifest, CancellationToken cancellationToken = default)
    {
        var checks = new List<RestoreCheck> { await CheckRowCountsAsync(restoredConnectionString, manifest, cancellationToken) };
        await using var restored = Compose(restoredConnectionString);
        var (live, shredded) = await ReadWorkspacesAsync(restoredConnectionString, cancellationToken);
        checks.Add(await CheckAuditChainsAsync(restored, live.Concat(shredded), cancellationToken));
        checks.Add(await CheckFieldsAsync(restored, restoredConnectionString, live, shredded, cancellationToken));
        checks.Add(await CheckBlobsAsync(restored, manifest, live, shredded, cancellationToken));
        return checks;
    }

    private static async Task<RestoreCheck> CheckRowCountsAsync(string connectionString, BackupManifest manifest, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var counts = await TableCounts.ReadAsync(connection, null, cancellationToken);
        var differing = manifest.TableRowCounts.Keys.Union(counts.Keys)
            .Where(t => manifest.TableRowCounts.GetValueOrDefault(t, -1) != counts.GetValueOrDefault(t, -1))
            .ToList();
        return differing.Count == 0
            ? new RestoreCheck("row-counts", true, $"{counts.Count} tables, {counts.Values.Sum()} rows")
            : new RestoreCheck("row-counts", false, "row counts differ in: " + string.Join(", ", differing));
    }

    private static async Task<RestoreCheck> CheckAuditChainsAsync(ServiceProvider restored, IEnumerable<Guid> workspaces, CancellationToken cancellationToken)
    {
        var broken = new List<string>();
        long entries = 0;
        foreach (var workspaceId in workspaces)
        {
            await using var scope = restored.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().UseWorkspace(workspaceId);
            var result = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken);
            entries += result.EntriesChecked;
            if (!result.Intact)
            {
                broken.Add($"{workspaceId} at {result.BrokenAtSequence}: {result.Reason}");
            }
        }

        return broken.Count == 0
            ? new RestoreCheck("audit-chains", true, $"{entries} entries verified")
            : new RestoreCheck("audit-chains", false, "broken chains: " + string.Join("; ", broken));
    }

    private async Task<RestoreCheck> CheckFieldsAsync(
        ServiceProvider restored, string connectionString, IReadOnlyList<Guid> live, IReadOnlyList<Guid> shredded, CancellationToken cancellationToken)
    {
        await using var scope = restored.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Model;
        var fields = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        int decrypted = 0, unreadable = 0;
        var failures = new List<string>();
        foreach (var entity in ProtectedFields.All(model))
        {
            var table = entity.EntityType.GetTableName()!;
            var id = entity.EntityType.FindPrimaryKey()!.Properties[0].GetColumnName();
            foreach (var field in entity.Fields)
            {
                var column = field.GetColumnName();
                foreach (var workspaceId in live.Concat(shredded))
                {
                    await using var command = new NpgsqlCommand(
                        $"SELECT \"{id}\", \"{column}\" FROM \"{table}\" WHERE \"WorkspaceId\" = $1 AND \"{column}\" IS NOT NULL ORDER BY \"{id}\" LIMIT $2",
                        connection);
                    command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
                    command.Parameters.Add(new NpgsqlParameter { Value = options.SamplesPerWorkspace });
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var context = ProtectedFields.Context(entity, reader.GetValue(0), field);
                        var outcome = await TryDecryptAsync(() => fields.DecryptAsync(workspaceId, context, reader.GetFieldValue<byte[]>(1), cancellationToken).AsTask());
                        Tally(outcome, shredded.Contains(workspaceId), $"{entity.Name}.{field.Name}", ref decrypted, ref unreadable, failures);
                    }
                }
            }
        }

        return failures.Count == 0
            ? new RestoreCheck("encrypted-fields", true, $"{decrypted} sampled fields decrypted, {unreadable} of shredded workspaces stayed unreadable")
            : new RestoreCheck("encrypted-fields", false, string.Join("; ", failures.Distinct()));
    }

    private async Task<RestoreCheck> CheckBlobsAsync(
        ServiceProvider restored, BackupManifest manifest, IReadOnlyList<Guid> live, IReadOnlyList<Guid> shredded, CancellationToken cancellationToken)
    {
        var keyring = restored.GetRequiredService<WorkspaceKeyring>();
        var blobs = new EncryptedBlobStore(store, new BlobCipher(keyring), keyring);
        var failures = new List<string>();
        var sampled = new Dictionary<Guid, int>();
        int decrypted = 0, unreadable = 0;
        foreach (var entry in manifest.Blobs)
        {
            try
            {
                await using var stored = await store.OpenReadAsync(entry.Key, cancellationToken);
                if (await BackupObjects.HashStreamAsync(stored, cancellationToken) != (entry.Sha256, entry.Length))
                {
                    failures.Add($"blob changed since the backup: {entry.Key}");
                    continue;
                }
            }
            catch (BlobNotFoundException)
            {
                failures.Add($"blob missing: {entry.Key}");
                continue;
            }

            if (!TryParseWorkspaceBlob(entry.Key, out var workspaceId, out var name)
                || !(live.Contains(workspaceId) || shredded.Contains(workspaceId))
                || sampled.GetValueOrDefault(workspaceId) >= options.SamplesPerWorkspace)
            {
                continue;
            }

            sampled[workspaceId] = sampled.GetValueOrDefault(workspaceId) + 1;
            var outcome = await TryDecryptAsync(async () =>
            {
                await using var plaintext = await blobs.OpenReadAsync(workspaceId, name, cancellationToken);
                await plaintext.CopyToAsync(Stream.Null, cancellationToken);
            });
            Tally(outcome, shredded.Contains(workspaceId), entry.Key, ref decrypted, ref unreadable, failures);
        }

        return failures.Count == 0
            ? new RestoreCheck("blobs", true, $"{manifest.Blobs.Count} blobs unchanged, {decrypted} sampled decrypted, {unreadable} of shredded workspaces stayed unreadable")
            : new RestoreCheck("blobs", false, string.Join("; ", failures));
    }

    private static void Tally(Exception? outcome, bool shredded, string what, ref int decrypted, ref int unreadable, List<string> failures)
    {
        switch (outcome, shredded)
        {
            case (null, false):
                decrypted++;
                break;
            case (KeyDestroyedException, true):
                unreadable++;
                break;
            case (null, true):
                failures.Add($"{what} of a shredded workspace decrypted");
                break;
            default:
                failures.Add($"{what} did not decrypt ({outcome!.GetType().Name})");
                break;
        }
    }

#pragma warning disable CA1031 // The check records every failure rather than stopping at the first.
    private static async Task<Exception?> TryDecryptAsync(Func<Task> decrypt)
    {
        try
        {
            await decrypt();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
#pragma warning restore CA1031

    private static bool TryParseWorkspaceBlob(string key, out Guid workspaceId, out string name)
    {
        const string Prefix = "workspaces/";
        var slash = key.IndexOf('/', Prefix.Length);
        name = slash > 0 ? key[(slash + 1)..] : string.Empty;
        workspaceId = Guid.Empty;
        return key.StartsWith(Prefix, StringComparison.Ordinal) && slash > 0
            && Guid.TryParseExact(key[Prefix.Length..slash], "N", out workspaceId);
    }

    /// <summary>Workspaces of the restored database: those with a usable key, and those whose every key was destroyed.</summary>
    private static async Task<(List<Guid> Live, List<Guid> Shredded)> ReadWorkspacesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT w."Id", EXISTS (SELECT 1 FROM "WorkspaceKeys" k WHERE k."WorkspaceId" = w."Id")
                       AND NOT EXISTS (SELECT 1 FROM "WorkspaceKeys" k WHERE k."WorkspaceId" = w."Id" AND k."DestroyedAt" IS NULL)
            FROM "Workspaces" w ORDER BY w."Id"
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (live, shredded) = (new List<Guid>(), new List<Guid>());
        while (await reader.ReadAsync(cancellationToken))
        {
            (reader.GetBoolean(1) ? shredded : live).Add(reader.GetGuid(0));
        }

        return (live, shredded);
    }

    // The data layer over the restored database, with the same key provider: nothing of the live database is used.
    private ServiceProvider Compose(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton(keyProvider);
        services.AddScoped<ITenantContext>(_ => NoTenant.Instance);
        services.AddPhonePlatformData(_ => connectionString);
        return services.BuildServiceProvider();
    }
}
