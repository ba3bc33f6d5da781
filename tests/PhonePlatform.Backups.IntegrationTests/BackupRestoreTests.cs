using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using PhonePlatform.Backups.IntegrationTests.Support;
using PhonePlatform.Compliance.IntegrationTests.Support;
using PhonePlatform.Crypto;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Backups.IntegrationTests;

public sealed partial class BackupRestoreTests
{
    private const string RestoreSuccessGauge = "phoneplatform.backup.restore_test.success";

    [Fact]
    public async Task BackUp_DestroyDatabase_Restore_EveryRecordAndBlobReadsBackIdentical()
    {
        await using var rig = await BackupRig.CreateAsync();
        var connection = rig.Stack.Database.ConnectionString;
        var workspaceId = await SampleWorkspace.CreateAsync(rig.Stack, "Acme");
        await AppendAuditAsync(rig.Stack, workspaceId, 3);
        var before = Flatten(await TableContents.ReadAsync(connection));
        var blobBefore = await ReadBlobAsync(rig.Stack, workspaceId);

        var manifest = await rig.Get<CreateBackup>().ExecuteAsync();
        await RecreateDatabaseAsync(rig.Stack.Database.Name);
        Assert.Empty(Flatten(await TableContents.ReadAsync(connection)));
        await rig.Get<RestoreBackup>().ExecuteAsync(manifest.Id, connection);

        Assert.Equal(before, Flatten(await TableContents.ReadAsync(connection)));
        Assert.Contains(before, row => row.StartsWith("Contacts:", StringComparison.Ordinal));
        Assert.Contains(before, row => row.StartsWith("AuditEntries:", StringComparison.Ordinal));
        var (scope, db) = rig.Stack.Open(workspaceId);
        await using (scope)
        {
            var names = (await db.Contacts.ToListAsync()).Select(c => c.Name.Value).Order(StringComparer.Ordinal);
            Assert.Equal(["Person 0", "Person 1"], names);
        }

        Assert.Equal(blobBefore, await ReadBlobAsync(rig.Stack, workspaceId));
        var checks = await rig.Get<RestoreVerifier>().VerifyAsync(connection, manifest);
        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
    }

    [Fact]
    public async Task RestoreTest_NewestBackup_PassesAndShreddedWorkspaceStaysUnreadable()
    {
        await using var rig = await BackupRig.CreateAsync();
        await SampleWorkspace.CreateAsync(rig.Stack, "Kept");
        var shredded = await SampleWorkspace.CreateAsync(rig.Stack, "Shredded");
        await AppendAuditAsync(rig.Stack, shredded, 2);
        await rig.Stack.Get<WorkspaceShredder>().ShredAsync(shredded);
        await rig.Get<CreateBackup>().ExecuteAsync();
        rig.Stack.Clock.Advance(TimeSpan.FromHours(1));
        var newest = await rig.Get<CreateBackup>().ExecuteAsync();

        var result = await rig.Get<RestoreTest>().ExecuteAsync();

        Assert.True(result.Passed, string.Join("; ", result.Checks.Select(c => $"{c.Name}: {c.Detail}")));
        Assert.Equal(newest.Id, result.BackupId);
        Assert.Equal(["restore", "row-counts", "audit-chains", "encrypted-fields", "blobs"], result.Checks.Select(c => c.Name));
        Assert.Matches(ShreddedUnreadable(), result.Checks.Single(c => c.Name == "encrypted-fields").Detail);
        Assert.Matches(ShreddedUnreadable(), result.Checks.Single(c => c.Name == "blobs").Detail);
        Assert.True(rig.Get<RestoreTestStatus>().Last?.Passed);
        Assert.Equal(1, GaugeReader.Read(rig.Get<IMeterFactory>(), RestoreSuccessGauge));
        Assert.DoesNotContain(rig.Logs.Events, e => e.Level == LogLevel.Critical);
    }

    [Fact]
    public async Task RestoreTest_CorruptedBackup_FailsAndRaisesAlert()
    {
        await using var rig = await BackupRig.CreateAsync();
        await SampleWorkspace.CreateAsync(rig.Stack, "Acme");
        var manifest = await rig.Get<CreateBackup>().ExecuteAsync();
        var dumpKey = BackupLayout.Key(manifest.Id, BackupLayout.DatabaseObject);
        var bytes = await ReadStoredAsync(rig.Store, dumpKey);
        bytes[bytes.Length / 2] ^= 0x01;
        await rig.Store.PutAsync(dumpKey, new MemoryStream(bytes));

        var result = await rig.Get<RestoreTest>().ExecuteAsync();

        Assert.False(result.Passed);
        Assert.Contains(nameof(DecryptionFailedException), result.Checks.Single(c => !c.Passed).Detail, StringComparison.Ordinal);
        Assert.Contains(rig.Logs.Events, e => e is { Level: LogLevel.Critical, EventName: "BackupRestoreTestFailed" });
        Assert.Equal(0, GaugeReader.Read(rig.Get<IMeterFactory>(), RestoreSuccessGauge));
        Assert.False(rig.Get<RestoreTestStatus>().Last?.Passed);
    }

    [Fact]
    public async Task RestoreTest_BlobChangedAfterBackup_Fails()
    {
        await using var rig = await BackupRig.CreateAsync();
        var workspaceId = await SampleWorkspace.CreateAsync(rig.Stack, "Acme");
        await rig.Get<CreateBackup>().ExecuteAsync();
        var key = EncryptedBlobStore.StorageKey(workspaceId, SampleWorkspace.BlobName);
        var bytes = await ReadStoredAsync(rig.Store, key);
        bytes[^1] ^= 0x80;
        await rig.Store.PutAsync(key, new MemoryStream(bytes));

        var result = await rig.Get<RestoreTest>().ExecuteAsync();

        Assert.False(result.Passed);
        var blobs = result.Checks.Single(c => c.Name == "blobs");
        Assert.False(blobs.Passed);
        Assert.Contains("blob changed since the backup", blobs.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreTest_WithoutBackup_Fails()
    {
        await using var rig = await BackupRig.CreateAsync();

        var result = await rig.Get<RestoreTest>().ExecuteAsync();

        Assert.False(result.Passed);
        Assert.Equal("backup-present", result.Checks.Single().Name);
    }

    [Fact]
    public async Task CreateBackup_BeyondRetentionCount_PrunesOldest()
    {
        await using var rig = await BackupRig.CreateAsync(retention: 2);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await rig.Get<CreateBackup>().ExecuteAsync()).Id);
            rig.Stack.Clock.Advance(TimeSpan.FromHours(1));
        }

        var left = await rig.Get<BackupCatalog>().ListAsync();
        Assert.Equal(ids[1..], left.Select(b => b.Id));
        Assert.All(left, b => Assert.True(b.Complete));
    }

    [Fact]
    public async Task BackupObjects_AreCiphertextUnderThePlatformKey()
    {
        await using var rig = await BackupRig.CreateAsync();
        await SampleWorkspace.CreateAsync(rig.Stack, "Acme");
        var manifest = await rig.Get<CreateBackup>().ExecuteAsync();

        var stored = await ReadStoredAsync(rig.Store, BackupLayout.Key(manifest.Id, BackupLayout.DatabaseObject));
        Assert.Equal("PPBK"u8.ToArray(), stored[..4]);
        Assert.DoesNotContain("PGDMP", System.Text.Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        var manifestBytes = await ReadStoredAsync(rig.Store, BackupLayout.Key(manifest.Id, BackupLayout.ManifestObject));
        Assert.DoesNotContain("tableRowCounts", System.Text.Encoding.ASCII.GetString(manifestBytes), StringComparison.Ordinal);
    }

    [GeneratedRegex("[1-9][0-9]* of shredded workspaces stayed unreadable")]
    private static partial Regex ShreddedUnreadable();

    private static List<string> Flatten(SortedDictionary<string, List<string>> contents) =>
        contents.SelectMany(p => p.Value.Select(row => $"{p.Key}:{row}")).ToList();

    private static async Task AppendAuditAsync(ComplianceStack stack, Guid workspaceId, int count)
    {
        var (scope, _) = stack.Open(workspaceId);
        await using (scope)
        {
            var audit = (AuditLog)scope.ServiceProvider.GetService(typeof(AuditLog))!;
            for (var i = 0; i < count; i++)
            {
                await audit.AppendAsync(new AuditEvent("test.event", null, null, null, "thing", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
            }
        }
    }

    private static async Task<byte[]> ReadBlobAsync(ComplianceStack stack, Guid workspaceId)
    {
        await using var stream = await stack.Get<EncryptedBlobStore>().OpenReadAsync(workspaceId, SampleWorkspace.BlobName);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<byte[]> ReadStoredAsync(IBlobStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task RecreateDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE \"{name}\" WITH (FORCE)");
        await AdminAsync($"CREATE DATABASE \"{name}\"");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("PHONEPLATFORM_TEST_POSTGRES"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
