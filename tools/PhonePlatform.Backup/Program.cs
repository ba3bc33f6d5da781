using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhonePlatform.Backup;
using PhonePlatform.Backups;

// deploy/backup COMMAND: backup | run | restore-test | restore BACKUP_ID|latest | list
// Configuration as the platform's hosts: appsettings.json beside the tool, then PHONEPLATFORM__Section__Key variables
// (ConnectionStrings:Postgres, Storage:KeyFile, Storage:BlobFolder, Encryption:*, Backup:*).
// `restore` writes into ConnectionStrings:RestoreTarget, an existing empty database.
var command = args.FirstOrDefault() ?? "help";
var builder = Host.CreateApplicationBuilder(args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
builder.Configuration.AddEnvironmentVariables("PHONEPLATFORM__");
builder.Services.AddBackupTool(builder.Configuration);
if (command == "run")
{
    builder.Services.AddBackupJobs(scheduleBackups: true);
}

using var host = builder.Build();
var cancel = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
await using var scope = host.Services.CreateAsyncScope();
var services = scope.ServiceProvider;
switch (command)
{
    case "backup":
        var manifest = await services.GetRequiredService<CreateBackup>().ExecuteAsync(cancel);
        Console.WriteLine($"backup {manifest.Id}: {manifest.DatabaseBytes} dump bytes, {manifest.TableRowCounts.Values.Sum()} rows, {manifest.Blobs.Count} blobs");
        return 0;
    case "run":
        await host.RunAsync();
        return 0;
    case "list":
        foreach (var backup in await services.GetRequiredService<BackupCatalog>().ListAsync(cancel))
        {
            Console.WriteLine($"{backup.Id}\t{(backup.Complete ? "complete" : "incomplete")}");
        }

        return 0;
    case "restore-test":
        var result = await services.GetRequiredService<RestoreTest>().ExecuteAsync(cancel);
        foreach (var check in result.Checks)
        {
            Console.WriteLine($"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
        }

        Console.WriteLine(result.Passed ? $"restore test of {result.BackupId} passed" : "restore test FAILED");
        return result.Passed ? 0 : 1;
    case "restore" when args.Length > 1:
        var target = builder.Configuration.GetConnectionString("RestoreTarget")
            ?? throw new InvalidOperationException("Set ConnectionStrings:RestoreTarget (an existing empty database).");
        var id = args[1] == "latest"
            ? (await services.GetRequiredService<BackupCatalog>().NewestAsync(cancel))?.Id ?? throw new InvalidOperationException("No complete backup.")
            : args[1];
        var restored = await services.GetRequiredService<RestoreBackup>().ExecuteAsync(id, target, cancel);
        var checks = await services.GetRequiredService<RestoreVerifier>().VerifyAsync(target, restored, cancel);
        foreach (var check in checks)
        {
            Console.WriteLine($"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
        }

        return checks.All(c => c.Passed) ? 0 : 1;
    default:
        Console.Error.WriteLine("usage: deploy/backup backup | run | list | restore-test | restore BACKUP_ID|latest");
        return 2;
}
