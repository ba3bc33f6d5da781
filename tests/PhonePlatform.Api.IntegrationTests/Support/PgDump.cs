using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace PhonePlatform.Api.IntegrationTests.Support;

/// <summary>Runs the Debian <c>pg_dump</c> against a test database and reads the COPY blocks of its plain output.</summary>
internal static class PgDump
{
    public static async Task<string> DumpAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var binary = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin", "pg_dump"))
            .Where(File.Exists)
            .OrderBy(p => int.Parse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p)))!, CultureInfo.InvariantCulture))
            .LastOrDefault() ?? throw new InvalidOperationException("pg_dump not found under /usr/lib/postgresql/*/bin (install postgresql-client).");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--data-only", "--host", builder.Host!, "--port", builder.Port.ToString(CultureInfo.InvariantCulture), "--username", builder.Username!, "--dbname", builder.Database! },
        };
        start.Environment["PGPASSWORD"] = builder.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException("pg_dump failed: " + await error);
    }

    /// <summary>Rows of one table's COPY block, as column name → raw text value (<c>\N</c> for null).</summary>
    public static List<Dictionary<string, string>> Rows(string dump, string table)
    {
        var rows = new List<Dictionary<string, string>>();
        var lines = dump.Split('\n');
        var header = $"COPY public.\"{table}\" (";
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(header, StringComparison.Ordinal))
            {
                continue;
            }

            var columns = lines[i][header.Length..lines[i].IndexOf(") FROM stdin;", StringComparison.Ordinal)]
                .Split(", ").Select(c => c.Trim('"')).ToArray();
            for (i++; i < lines.Length && lines[i] != "\\."; i++)
            {
                var values = lines[i].Split('\t');
                rows.Add(columns.Zip(values).ToDictionary(p => p.First, p => p.Second));
            }
        }

        return rows;
    }

    /// <summary>Decodes a bytea value in COPY text form (<c>\\x0a1b…</c>).</summary>
    public static byte[] Bytea(string copyValue) => Convert.FromHexString(copyValue[3..]);
}
