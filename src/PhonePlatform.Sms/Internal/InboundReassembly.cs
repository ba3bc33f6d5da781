using PhonePlatform.Smpp;

namespace PhonePlatform.Sms.Internal;

/// <summary>
/// Joins the parts of concatenated inbound messages (3GPP TS 23.040 §9.2.3.24.1: reference, total, part number),
/// arriving in any order, into one message. A message whose parts do not all arrive within the timeout is released
/// with the parts present (in order), so text is never silently dropped. Held in memory: parts are acknowledged to
/// the SMSC on arrival, so a process that dies mid-reassembly loses the parts it held.
/// </summary>
internal sealed class InboundReassembly(TimeProvider time, TimeSpan timeout)
{
    private readonly Lock gate = new();
    private readonly Dictionary<PartKey, Pending> pending = [];

    /// <summary>Returns the whole message when <paramref name="part"/> completes it (or is not a part), else null.</summary>
    public InboundMessage? Add(InboundMessage part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.Concatenation is not { } info || info.Total <= 1 || info.Number < 1 || info.Number > info.Total)
        {
            return part;
        }

        var key = new PartKey(part.Source.Address, part.Destination.Address, info.Reference, info.Total);
        lock (gate)
        {
            if (!pending.TryGetValue(key, out var entry))
            {
                entry = new Pending(time.GetUtcNow(), new InboundMessage?[info.Total]);
                pending[key] = entry;
            }

            // A part the SMSC delivers twice (redelivery after a lost deliver_sm_resp) replaces itself.
            entry.Parts[info.Number - 1] = part;
            if (entry.Parts.Any(p => p is null))
            {
                return null;
            }

            pending.Remove(key);
            return Join(entry.Parts);
        }
    }

    /// <summary>Releases the messages whose parts stopped arriving, each joined from the parts present.</summary>
    public IReadOnlyList<InboundMessage> TakeExpired()
    {
        var cutoff = time.GetUtcNow() - timeout;
        lock (gate)
        {
            var expired = pending.Where(p => p.Value.FirstSeen <= cutoff).ToList();
            foreach (var (key, _) in expired)
            {
                pending.Remove(key);
            }

            return [.. expired.Select(p => Join(p.Value.Parts))];
        }
    }

    private static InboundMessage Join(InboundMessage?[] parts)
    {
        var present = parts.Where(p => p is not null).Select(p => p!).ToList();
        var first = present[0];
        return first with
        {
            Text = string.Concat(present.Select(p => p.Text)),
            ShortMessage = ReadOnlyMemory<byte>.Empty,
            Concatenation = new ConcatenationInfo(first.Concatenation!.Value.Reference, parts.Length, 0),
        };
    }

    private readonly record struct PartKey(string Source, string Destination, int Reference, int Total);

    private sealed record Pending(DateTimeOffset FirstSeen, InboundMessage?[] Parts);
}
