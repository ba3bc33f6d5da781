using System.Text;

namespace PhonePlatform.Core.Contacts;

/// <summary>
/// Reads contacts from CSV (RFC 4180: comma-separated, fields optionally in double quotes with <c>""</c> escaping,
/// CRLF or LF line ends). The header row names the columns (<c>name, phone, email, company, notes</c>, any order,
/// case-insensitive; unknown columns are ignored); several numbers or addresses in one cell are separated by
/// <c>;</c>. Never throws on malformed input: bad rows come back with an error.
/// </summary>
public static class CsvContactReader
{
    public static IReadOnlyList<ContactImportRow> Read(string text, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = Records(text);
        if (records.Count == 0)
        {
            return [new ContactImportRow(1, null, [], [], null, null, "The file is empty; the first row must name the columns.")];
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var nameColumn = header.IndexOf("name");
        if (nameColumn < 0)
        {
            return [new ContactImportRow(1, null, [], [], null, null, "The header row has no 'name' column.")];
        }

        var rows = new List<ContactImportRow>();
        foreach (var (line, fields, error) in records.Skip(1).Take(maxRows))
        {
            if (error is not null)
            {
                rows.Add(new ContactImportRow(line, null, [], [], null, null, error));
                continue;
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string? Cell(string column) => header.IndexOf(column) is var i && i >= 0 && i < fields.Count ? fields[i] : null;
            rows.Add(new ContactImportRow(line, Cell("name"), Split(Cell("phone")), Split(Cell("email")), Cell("company"), Cell("notes")));
        }

        if (records.Count - 1 > maxRows)
        {
            rows.Add(new ContactImportRow(maxRows + 2, null, [], [], null, null, $"Only the first {maxRows} rows are imported at once."));
        }

        return rows;
    }

    private static string[] Split(string? cell) =>
        cell is null ? [] : cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // RFC 4180 §2: records, fields, quoted fields with embedded commas, quotes ("") and line breaks.
    private static List<(int Line, List<string> Fields, string? Error)> Records(string text)
    {
        var records = new List<(int, List<string>, string?)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var afterQuote = false;
        string? error = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !afterQuote:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add((recordLine, fields, error));
                    fields = [];
                    field.Clear();
                    afterQuote = false;
                    error = null;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (afterQuote || c == '"')
                    {
                        error ??= "Malformed quoting.";
                    }

                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            error = "A quoted field is not closed.";
        }

        if (field.Length > 0 || fields.Count > 0 || error is not null)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields, error));
        }

        return records;
    }
}
