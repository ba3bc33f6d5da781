using System.Text;

namespace PhonePlatform.Core.Contacts;

/// <summary>
/// Reads contacts from vCard 3.0 (RFC 2426) and 4.0 (RFC 6350): FN, TEL (several; <c>tel:</c> URIs too), EMAIL,
/// ORG and NOTE, with folded lines and escaped text. Never throws on malformed input: a card without FN or an
/// unterminated card comes back as a row with an error.
/// </summary>
public static class VCardContactReader
{
    public static IReadOnlyList<ContactImportRow> Read(string text, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<ContactImportRow>();
        Card? card = null;
        var number = 0;
        foreach (var line in Unfold(text))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            // RFC 6350 §3.3: [group "."] name *(";" param) ":" value; names are case-insensitive.
            var head = line[..colon];
            var name = head.Split(';')[0];
            name = name[(name.LastIndexOf('.') + 1)..].ToUpperInvariant();
            var value = line[(colon + 1)..];
            if (name == "BEGIN" && value.Trim().Equals("VCARD", StringComparison.OrdinalIgnoreCase))
            {
                if (card is not null)
                {
                    rows.Add(card.ToRow("A card is not closed with END:VCARD."));
                }

                if (++number > maxRows)
                {
                    rows.Add(new ContactImportRow(number, null, [], [], null, null, $"Only the first {maxRows} cards are imported at once."));
                    return rows;
                }

                card = new Card(number);
                continue;
            }

            if (card is null)
            {
                continue;
            }

            switch (name)
            {
                case "END":
                    rows.Add(card.ToRow(card.Name is null ? "The card has no FN (formatted name)." : null));
                    card = null;
                    break;
                case "FN":
                    card.Name ??= Unescape(value);
                    break;
                case "TEL":
                    var tel = Unescape(value).Trim();
                    card.Phones.Add(tel.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? tel[4..].Split(';')[0] : tel);
                    break;
                case "EMAIL":
                    card.Emails.Add(Unescape(value).Trim());
                    break;
                case "ORG":
                    // RFC 6350 §6.6.4: organisation name; organisational units follow after unescaped ';'.
                    card.Company ??= string.Join(", ", SplitComponents(value).Where(s => s.Length > 0));
                    break;
                case "NOTE":
                    card.Notes ??= Unescape(value);
                    break;
                default:
                    break;
            }
        }

        if (card is not null)
        {
            rows.Add(card.ToRow("A card is not closed with END:VCARD."));
        }

        return rows;
    }

    // RFC 6350 §3.2: a line break followed by one space or tab continues the previous line.
    private static List<string> Unfold(string text)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t'))
            {
                current.Append(raw.AsSpan(1));
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current.ToString());
            }

            current.Clear().Append(raw);
        }

        if (current.Length > 0)
        {
            lines.Add(current.ToString());
        }

        return lines;
    }

    // RFC 6350 §3.4: \n (or \N) is a line break; \, \; \\ are the literal characters.
    private static string Unescape(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                result.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
            {
                result.Append(value[i]);
            }
        }

        return result.ToString();
    }

    private static IEnumerable<string> SplitComponents(string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == ';')
            {
                yield return Unescape(value[start..i]).Trim();
                start = i + 1;
            }
        }

        yield return Unescape(value[start..]).Trim();
    }

    private sealed class Card(int number)
    {
        public string? Name { get; set; }
        public List<string> Phones { get; } = [];
        public List<string> Emails { get; } = [];
        public string? Company { get; set; }
        public string? Notes { get; set; }

        public ContactImportRow ToRow(string? error) => new(number, Name, Phones, Emails, Company, Notes, error);
    }
}
