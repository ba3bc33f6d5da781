using System.Collections;
using System.Globalization;
using System.Text;

namespace PhonePlatform.Sip;

/// <summary>
/// The ordered header fields of a message (RFC 3261 §7.3). Names are matched case-insensitively after
/// expanding compact forms; several fields with the same name keep their relative order (§7.3.1).
/// </summary>
public sealed class SipHeaders : IEnumerable<SipHeaderField>
{
    private readonly List<SipHeaderField> fields;

    public SipHeaders()
        : this(12)
    {
    }

    internal SipHeaders(int capacity)
    {
        fields = new List<SipHeaderField>(capacity);
    }

    public int Count => fields.Count;

    public void Add(string name, string value) => fields.Add(new SipHeaderField(SipHeaderNames.Canonicalize(name), value));

    internal void AddRaw(string canonicalName, ReadOnlyMemory<byte> value) => fields.Add(new SipHeaderField(canonicalName, value));

    /// <summary>Inserts a field before all others of any name (used for the topmost Via, §8.1.1.7).</summary>
    public void AddFirst(string name, string value) => fields.Insert(0, new SipHeaderField(SipHeaderNames.Canonicalize(name), value));

    /// <summary>Replaces all fields named <paramref name="name"/> by one field, at the position of the first.</summary>
    public void Set(string name, string value)
    {
        name = SipHeaderNames.Canonicalize(name);
        var index = fields.FindIndex(f => Is(f, name));
        fields.RemoveAll(f => Is(f, name));
        var field = new SipHeaderField(name, value);
        if (index < 0 || index > fields.Count)
        {
            fields.Add(field);
        }
        else
        {
            fields.Insert(index, field);
        }
    }

    public int Remove(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        return fields.RemoveAll(f => Is(f, name));
    }

    /// <summary>Removes the first value of a possibly comma-separated header (e.g. the topmost Via, §18.1.2).</summary>
    public bool RemoveFirstValue(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        var index = fields.FindIndex(f => Is(f, name));
        if (index < 0)
        {
            return false;
        }

        var values = SipGrammar.SplitTopLevelCommas(fields[index].Value);
        if (values.Count <= 1)
        {
            fields.RemoveAt(index);
        }
        else
        {
            fields[index] = new SipHeaderField(name, string.Join(", ", values.Skip(1)));
        }

        return true;
    }

    public bool Contains(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        return fields.Exists(f => Is(f, name));
    }

    /// <summary>The first field's value, or null.</summary>
    public string? Get(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        foreach (var field in fields)
        {
            if (Is(field, name))
            {
                return field.Value;
            }
        }

        return null;
    }

    internal bool TryGetRaw(string canonicalName, out ReadOnlySpan<byte> value)
    {
        foreach (var field in fields)
        {
            if (ReferenceEquals(field.Name, canonicalName) || Is(field, canonicalName))
            {
                value = field.RawValue.Span;
                return true;
            }
        }

        value = default;
        return false;
    }

    public int? GetInt(string name)
    {
        var value = Get(name);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>All values of a header, each comma-separated list split into its elements (§7.3.1).</summary>
    public List<string> GetValues(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        var values = new List<string>();
        foreach (var field in fields)
        {
            if (Is(field, name))
            {
                foreach (var value in SipGrammar.SplitTopLevelCommas(field.Value))
                {
                    if (value.Length > 0)
                    {
                        values.Add(value);
                    }
                }
            }
        }

        return values;
    }

    /// <summary>The field values as they appear (not split on commas).</summary>
    public IEnumerable<string> GetFieldValues(string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        return fields.Where(f => Is(f, name)).Select(f => f.Value);
    }

    public SipHeaders Clone()
    {
        var copy = new SipHeaders(fields.Count + 2);
        copy.fields.AddRange(fields);
        return copy;
    }

    internal void CopyFrom(SipHeaders source, string name)
    {
        name = SipHeaderNames.Canonicalize(name);
        foreach (var field in source.fields)
        {
            if (Is(field, name))
            {
                fields.Add(field);
            }
        }
    }

    internal void AppendText(StringBuilder builder)
    {
        foreach (var field in fields)
        {
            builder.Append(field.Name).Append(": ").Append(field.Value).Append("\r\n");
        }
    }

    /// <summary>A struct enumerator, so that walking the fields on the receive path allocates nothing.</summary>
    public List<SipHeaderField>.Enumerator GetEnumerator() => fields.GetEnumerator();

    IEnumerator<SipHeaderField> IEnumerable<SipHeaderField>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool Is(SipHeaderField field, string canonicalName) =>
        string.Equals(field.Name, canonicalName, StringComparison.OrdinalIgnoreCase);
}
