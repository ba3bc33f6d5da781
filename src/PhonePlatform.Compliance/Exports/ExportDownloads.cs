using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PhonePlatform.Core.Compliance;
using PhonePlatform.Core.Identity;
using PhonePlatform.Crypto;
using PhonePlatform.Data;

namespace PhonePlatform.Compliance.Exports;

/// <summary>
/// Redeems single-use download links. The token is the only credential (it may travel outside a session, e.g. a
/// browser download), so it is consumed atomically before the first byte is served: a second request with the same
/// link finds nothing, as does one after the export expired. Each download is audit-logged in the export's workspace.
/// </summary>
public sealed class ExportDownloads(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, IWorkspaceBlobs blobs, TimeProvider time)
{
    /// <summary>The decrypted ZIP of the link's export, or null for an unknown, used or expired link.</summary>
    public async Task<ExportDownload?> RedeemAsync(string token, string? ip, CancellationToken cancellationToken)
    {
        if (!OpaqueToken.ExportLink.LooksLikeOne(token))
        {
            return null;
        }

        var now = time.GetUtcNow();
        Guid exportId, workspaceId, requestedBy;
        DataExportScope scope;
        long size;
        // The link's workspace is not known before this lookup (no principal), hence one statement across tenants.
        await using (var command = dataSource.CreateCommand(
            """
            UPDATE "DataExports" SET "LinkTokenHash" = NULL, "LastDownloadedAt" = $2, "Downloads" = "Downloads" + 1
            WHERE "LinkTokenHash" = $1 AND "Status" = 2 AND "ExpiresAt" > $2
            RETURNING "Id", "WorkspaceId", "RequestedByUserId", "Scope", "Size"
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = OpaqueToken.Hash(token) });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (exportId, workspaceId, requestedBy, scope, size) =
                (reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), (DataExportScope)reader.GetInt32(3), reader.GetInt64(4));
        }

        await using (var auditScope = scopes.CreateAsyncScope())
        {
            var db = auditScope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
            db.UseWorkspace(workspaceId);
            await auditScope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(
                new AuditEvent(ExportAuditActions.Downloaded, null, null, ip, "export", exportId.ToString(), $"requestedBy={requestedBy}"),
                cancellationToken);
        }

        var content = await blobs.OpenReadAsync(workspaceId, DataExport.BlobNameOf(exportId), cancellationToken);
        var fileName = scope == DataExportScope.Workspace ? $"workspace-export-{exportId:N}.zip" : $"personal-data-export-{exportId:N}.zip";
        return new ExportDownload(content, fileName, size);
    }
}

/// <summary>A redeemed export: the decrypted ZIP stream (the caller disposes it), a file name and its length.</summary>
public sealed record ExportDownload(Stream Content, string FileName, long Length);
