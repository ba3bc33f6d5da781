using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Blobs;

namespace PhonePlatform.Data.Encryption;

/// <summary>
/// Key rotation: <see cref="StartAsync"/> creates a new data key version and a <see cref="KeyRotation"/> row;
/// <see cref="RunBatchAsync"/> re-encrypts one batch of protected values (keyset pagination by id over every
/// entity type with <c>EncryptedText</c> fields, rows locked with <c>FOR UPDATE</c>, progress saved in the same
/// transaction), then the workspace's catalogued blobs (<see cref="StoredBlob"/>) under an older version, each
/// re-encrypted by <see cref="EncryptedBlobStore.ReEncryptAsync"/> before its catalogue row is updated. The rotation
/// row itself is claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several job instances share the work. A pass that
/// rewrites nothing proves every value and blob is current; only then are the old versions destroyed, and the
/// completion is appended to the workspace's audit chain in the same transaction as the final progress.
/// </summary>
public sealed class KeyRotationRunner(
    NpgsqlDataSource dataSource, IServiceScopeFactory scopes, WorkspaceKeyring keyring, FieldCipher fields,
    IWrappedKeyStore store, EncryptionKeyWarmer warmer, TimeProvider time, EncryptedBlobStore? blobs = null)
{
    /// <summary>Audit action recorded when a rotation has re-encrypted everything and destroyed the old versions.</summary>
    public const string CompletedAuditAction = "workspace.keys.rotation-completed";

    /// <summary>Records per batch (and per transaction).</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>Blobs per batch: each is streamed through decryption and re-encryption while the batch's rows are locked.</summary>
    public int BlobBatchSize { get; init; } = 10;

    /// <summary>Rotates the key of the context's workspace and queues the re-encryption.</summary>
    public async Task<KeyRotation> StartAsync(PhonePlatformDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var workspaceId = db.CurrentWorkspaceId ?? throw new TenantViolationException("Key rotation needs a workspace.");
        var version = await keyring.RotateAsync(workspaceId, cancellationToken);
        warmer.Forget(workspaceId);
        var rotation = new KeyRotation { WorkspaceId = workspaceId, ToVersion = version, StartedAt = time.GetUtcNow() };
        db.KeyRotations.Add(rotation);
        await db.SaveChangesAsync(cancellationToken);
        return rotation;
    }

    /// <summary>Processes one batch of one unfinished rotation. Returns false when there was nothing to do.</summary>
    /// <returns>The rotation worked on (null when idle); <see cref="KeyRotation.CompletedAt"/> is set when it finished.</returns>
    public async Task<KeyRotation?> RunBatchAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ProtectedEntity> entities;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var model = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().Model;
            entities = [.. ProtectedFields.All(model).OrderBy(e => e.Name, StringComparer.Ordinal)];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rotation = await ClaimAsync(connection, cancellationToken);
        if (rotation is null)
        {
            return null;
        }

        if (rotation.EntityIndex < entities.Count)
        {
            await ReEncryptBatchAsync(connection, rotation, entities[rotation.EntityIndex], cancellationToken);
        }
        else if (rotation.EntityIndex == entities.Count)
        {
            await ReEncryptBlobBatchAsync(connection, rotation, cancellationToken);
        }
        else if (rotation.RewrittenThisPass > 0)
        {
            // Another process may have written under the old key while this pass ran: verify with another pass.
            (rotation.EntityIndex, rotation.LastId, rotation.RewrittenThisPass) = (0, Guid.Empty, 0);
        }
        else
        {
            var old = (await store.GetVersionsAsync(rotation.WorkspaceId, KeyPurpose.Data, cancellationToken))
                .Where(r => !r.IsDestroyed && r.Version < rotation.ToVersion).Select(r => r.Version).ToList();
            await keyring.DestroyVersionsAsync(rotation.WorkspaceId, old, cancellationToken);
            warmer.Forget(rotation.WorkspaceId);
            rotation.CompletedAt = time.GetUtcNow();
            await AuditCompletionAsync(connection, transaction, rotation, old, cancellationToken);
        }

        await SaveProgressAsync(connection, rotation, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rotation;
    }

    private async Task ReEncryptBlobBatchAsync(NpgsqlConnection connection, KeyRotation rotation, CancellationToken cancellationToken)
    {
        var rows = new List<(Guid Id, string Name)>();
        await using (var select = new NpgsqlCommand(
            "SELECT \"Id\", \"Name\" FROM \"StoredBlobs\" WHERE \"WorkspaceId\" = $1 AND \"Id\" > $2 AND \"KeyVersion\" < $3 " +
            "ORDER BY \"Id\" LIMIT $4 FOR UPDATE", connection))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = rotation.WorkspaceId });
            select.Parameters.Add(new NpgsqlParameter { Value = rotation.LastId });
            select.Parameters.Add(new NpgsqlParameter { Value = rotation.ToVersion });
            select.Parameters.Add(new NpgsqlParameter { Value = BlobBatchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        if (rows.Count > 0 && blobs is null)
        {
            // Destroying the old key now would make these blobs unreadable: fail the batch until a store is configured.
            throw new InvalidOperationException("The workspace has catalogued blobs but no blob store is configured.");
        }

        foreach (var (id, name) in rows)
        {
            string sql;
            int version = 0;
            try
            {
                if (await blobs!.ReEncryptAsync(rotation.WorkspaceId, name, cancellationToken))
                {
                    rotation.RewrittenThisPass++;
                    rotation.ReEncrypted++;
                    rotation.BlobsReEncrypted++;
                }

                version = await blobs.GetKeyVersionAsync(rotation.WorkspaceId, name, cancellationToken);
                sql = "UPDATE \"StoredBlobs\" SET \"KeyVersion\" = $2 WHERE \"Id\" = $1";
            }
            catch (BlobNotFoundException)
            {
                // Deleted from the store behind the catalogue's back: the entry describes nothing any more.
                sql = "DELETE FROM \"StoredBlobs\" WHERE \"Id\" = $1";
            }

            await using var update = new NpgsqlCommand(sql, connection);
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            if (version > 0)
            {
                update.Parameters.Add(new NpgsqlParameter { Value = version });
            }

            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        if (rows.Count < BlobBatchSize)
        {
            (rotation.EntityIndex, rotation.LastId) = (rotation.EntityIndex + 1, Guid.Empty);
        }
        else
        {
            rotation.LastId = rows[^1].Id;
        }
    }

    private async Task AuditCompletionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, KeyRotation rotation, List<int> destroyed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        db.Database.SetDbConnection(connection);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        db.UseWorkspace(rotation.WorkspaceId);
        var details = $"data key v{rotation.ToVersion}; {rotation.ReEncrypted} values re-encrypted ({rotation.BlobsReEncrypted} blobs); " +
            $"destroyed versions: {(destroyed.Count == 0 ? "none" : string.Join(", ", destroyed.Select(v => $"v{v}")))}";
        await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(
            new AuditEvent(CompletedAuditAction, null, null, null, "key_rotation", rotation.Id.ToString(), details),
            cancellationToken);
    }

    private async Task ReEncryptBatchAsync(NpgsqlConnection connection, KeyRotation rotation, ProtectedEntity entity, CancellationToken cancellationToken)
    {
        var table = entity.EntityType.GetTableName()!;
        var columns = entity.Fields.Select(f => f.GetColumnName()).ToList();
        var rows = new List<(Guid Id, byte[]?[] Values)>();
        await using (var select = new NpgsqlCommand(
            $"SELECT \"Id\", {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" " +
            "WHERE \"WorkspaceId\" = $1 AND \"Id\" > $2 ORDER BY \"Id\" LIMIT $3 FOR UPDATE", connection))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = rotation.WorkspaceId });
            select.Parameters.Add(new NpgsqlParameter { Value = rotation.LastId });
            select.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new byte[]?[columns.Count];
                for (var i = 0; i < columns.Count; i++)
                {
                    values[i] = reader.IsDBNull(i + 1) ? null : reader.GetFieldValue<byte[]>(i + 1);
                }

                rows.Add((reader.GetGuid(0), values));
            }
        }

        foreach (var (id, values) in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (values[i] is not { } ciphertext)
                {
                    continue;
                }

                var context = ProtectedFields.Context(entity, id, entity.Fields[i]);
                if (await fields.ReEncryptAsync(rotation.WorkspaceId, context, ciphertext, cancellationToken) is { } rewritten)
                {
                    await using var update = new NpgsqlCommand($"UPDATE \"{table}\" SET \"{columns[i]}\" = $1 WHERE \"Id\" = $2", connection);
                    update.Parameters.Add(new NpgsqlParameter { Value = rewritten, NpgsqlDbType = NpgsqlDbType.Bytea });
                    update.Parameters.Add(new NpgsqlParameter { Value = id });
                    await update.ExecuteNonQueryAsync(cancellationToken);
                    rotation.RewrittenThisPass++;
                    rotation.ReEncrypted++;
                }
            }
        }

        if (rows.Count < BatchSize)
        {
            (rotation.EntityIndex, rotation.LastId) = (rotation.EntityIndex + 1, Guid.Empty);
        }
        else
        {
            rotation.LastId = rows[^1].Id;
        }
    }

    private static async Task<KeyRotation?> ClaimAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT "Id", "WorkspaceId", "ToVersion", "EntityIndex", "LastId", "RewrittenThisPass", "ReEncrypted", "StartedAt", "BlobsReEncrypted"
            FROM "KeyRotations" WHERE "CompletedAt" IS NULL ORDER BY "StartedAt" LIMIT 1 FOR UPDATE SKIP LOCKED
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new KeyRotation
            {
                Id = reader.GetGuid(0),
                WorkspaceId = reader.GetGuid(1),
                ToVersion = reader.GetInt32(2),
                EntityIndex = reader.GetInt32(3),
                LastId = reader.GetGuid(4),
                RewrittenThisPass = reader.GetInt64(5),
                ReEncrypted = reader.GetInt64(6),
                StartedAt = reader.GetFieldValue<DateTimeOffset>(7),
                BlobsReEncrypted = reader.GetInt64(8),
            }
            : null;
    }

    private static async Task SaveProgressAsync(NpgsqlConnection connection, KeyRotation rotation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE "KeyRotations" SET "EntityIndex" = $2, "LastId" = $3, "RewrittenThisPass" = $4, "ReEncrypted" = $5, "CompletedAt" = $6, "BlobsReEncrypted" = $7
            WHERE "Id" = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rotation.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = rotation.EntityIndex });
        command.Parameters.Add(new NpgsqlParameter { Value = rotation.LastId });
        command.Parameters.Add(new NpgsqlParameter { Value = rotation.RewrittenThisPass });
        command.Parameters.Add(new NpgsqlParameter { Value = rotation.ReEncrypted });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)rotation.CompletedAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = rotation.BlobsReEncrypted });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
