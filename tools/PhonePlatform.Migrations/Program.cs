// Scaffolds EF Core migrations without the dotnet-ef tool:
//   dotnet run --project tools/PhonePlatform.Migrations -- add <Name>
// Writes <timestamp>_<Name>.cs, its designer file and the model snapshot into src/PhonePlatform.Data/Migrations.
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;
using PhonePlatform.Data;

if (args is not ["add", var name] || string.IsNullOrWhiteSpace(name))
{
    await Console.Error.WriteLineAsync("usage: PhonePlatform.Migrations add <MigrationName>");
    return 2;
}

var dataProject = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/PhonePlatform.Data"));
if (!File.Exists(Path.Combine(dataProject, "PhonePlatform.Data.csproj")))
{
    await Console.Error.WriteLineAsync($"cannot find the data project at {dataProject}");
    return 1;
}

await using var db = new DesignTimeDbContextFactory().CreateDbContext([]);
var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(db);
#pragma warning disable EF1001 // Npgsql's design-time services are the provider's documented entry for tooling.
new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
await using var provider = services.BuildServiceProvider();

var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(name, rootNamespace: "PhonePlatform.Data", subNamespace: "Migrations", language: "C#");
var files = scaffolder.Save(dataProject, migration, Path.Combine(dataProject, "Migrations"));
Console.WriteLine($"wrote {files.MigrationFile}");
Console.WriteLine($"wrote {files.MetadataFile}");
Console.WriteLine($"wrote {files.SnapshotFile}");
return 0;
