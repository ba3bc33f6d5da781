using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace PhonePlatform.Backups.Internal;

/// <summary>Runs the PostgreSQL client programs (<c>pg_dump</c>, <c>pg_restore</c>) with the password in the environment, never on the command line.</summary>
internal sealed class PostgresTools(BackupOptions options)
{
    /// <summary>Dumps the database in custom format (<c>-Fc</c>) to <paramref name="file"/>, inside an exported snapshot when given.</summary>
    public Task DumpAsync(string connectionString, string file, string? snapshot, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "--format=custom", "--no-owner", "--no-privileges", "--file", file };
        if (snapshot is not null)
        {
            arguments.Add("--snapshot=" + snapshot);
        }

        return RunAsync("pg_dump", connectionString, arguments, cancellationToken);
    }

    /// <summary>Restores a custom-format dump into an existing empty database; stops at the first error.</summary>
    public Task RestoreAsync(string connectionString, string file, CancellationToken cancellationToken) =>
        RunAsync("pg_restore", connectionString, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file], cancellationToken);

    private async Task RunAsync(string program, string connectionString, List<string> arguments, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Locate(program)) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--host=" + connection.Host);
        start.ArgumentList.Add("--port=" + connection.Port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--username=" + connection.Username);
        start.ArgumentList.Add("--dbname=" + connection.Database);
        start.ArgumentList.Add("--no-password");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = connection.Password ?? string.Empty;
        start.Environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        if (process.ExitCode != 0)
        {
            // pg_* messages name tables and settings, not data; the password is never on the command line.
            throw new BackupException($"{program} exited with {process.ExitCode}: {(await error).Trim()}");
        }
    }

    private string Locate(string program)
    {
        if (!string.IsNullOrWhiteSpace(options.PostgresBinDirectory))
        {
            return Path.Combine(options.PostgresBinDirectory, program);
        }

        const string Root = "/usr/lib/postgresql";
        var found = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Path: Path.Combine(d, "bin", program)))
                .Where(c => c.Version > 0 && File.Exists(c.Path))
                .OrderBy(c => c.Version)
                .Select(c => c.Path)
                .LastOrDefault()
            : null;
        return found ?? program; // on PATH
    }
}
