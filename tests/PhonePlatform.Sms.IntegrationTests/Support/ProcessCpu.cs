using System.Globalization;
using Npgsql;

namespace PhonePlatform.Sms.IntegrationTests.Support;

/// <summary>
/// CPU time of the PostgreSQL backends serving one database, read from /proc (user + system ticks). Pooled
/// connections stay open for the run, so the difference of two readings is the database's share of the work.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ: 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;

    public static async Task<Dictionary<int, TimeSpan>> PostgresBackendsAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = @d", connection);
        command.Parameters.AddWithValue("d", database!);
        var cpu = new Dictionary<int, TimeSpan>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            if (Read(pid) is { } time)
            {
                cpu[pid] = time;
            }
        }

        return cpu;
    }

    /// <summary>CPU used between two readings; backends that appeared meanwhile count from zero.</summary>
    public static TimeSpan Used(Dictionary<int, TimeSpan> before, Dictionary<int, TimeSpan> after) =>
        after.Aggregate(TimeSpan.Zero, (sum, backend) => sum + backend.Value - before.GetValueOrDefault(backend.Key));

    private static TimeSpan? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name: state is field 3, utime 14, stime 15 (proc(5)).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
