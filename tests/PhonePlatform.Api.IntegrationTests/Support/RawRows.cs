using System.Text;
using Npgsql;

namespace PhonePlatform.Api.IntegrationTests.Support;

/// <summary>Reads every column of every table of the public schema, bypassing EF, as bytes.</summary>
internal static class RawRows
{
    public static async Task<List<(string Table, string Column, byte[] Value)>> ReadAllAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var schema = new NpgsqlCommand(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'", connection))
        await using (var reader = await schema.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var values = new List<(string, string, byte[])>();
        foreach (var (table, column, type) in columns)
        {
            // bytea as its raw bytes; everything else as its text form, UTF-8.
            var expression = type == "bytea" ? $"\"{column}\"" : $"convert_to(\"{column}\"::text, 'UTF8')";
            await using var select = new NpgsqlCommand($"SELECT {expression} FROM \"{table}\" WHERE \"{column}\" IS NOT NULL", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values.Add((table, column, reader.GetFieldValue<byte[]>(0)));
            }
        }

        return values;
    }

    public static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;
}
