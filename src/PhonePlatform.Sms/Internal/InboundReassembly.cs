using PhonePlatform.Smpp;

namespace PhonePlatform.Sms.Internal;

/// <summary>
/// Joins the parts of concatenated inbound messages (3GPP TS 23.040 §9.2.3.24.1: reference, total, part number),
/// arriving in any order, into one message. A message whose parts do not all arrive within the timeout is released
/// with the parts present (in order), so text is never silently dropped. Held in memory, but no part is acknowledged
/// to the SMSC before the joined message is stored (<see cref="Joined.Items"/>), so a process that dies
/// mid-reassembly has acknowledged none of the parts it held and the SMSC delivers them again.
/// </summary>
internal sealed class InboundReassembly(TimeProvider time, TimeSpan timeout)
{
    /// <summary>A whole message and every ingress item (parts, and parts delivered twice) it was joined from.</summary>
    public sealed record Joined(InboundMessage Message, IReadOnlyList<IngressItem<InboundMessage>> Items);

    private readonly Lock gate = new();
    private readonly Dictionary<PartKey, Pending> pending = [];

    /// <summary>Returns the whole message when <paramref name="part"/> completes it (or is not a part), else null.</summary>
    public Joined? Add(IngressItem<InboundMessage> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var part = item.Value;
        if (part.Concatenation is not { } info || info.Total <= 1 || info.Number < 1 || info.Number > info.Total)
        {
            return new Joined(part, [item]);
        }

        var key = new PartKey(part.Source.Address, part.Destination.Address, info.Reference, info.Total);
        lock (gate)
        {
            if (!pending.TryGetValue(key, out var entry))
            {
                entry = new Pending(time.GetUtcNow(), new InboundMessage?[info.Total], []);
                pending[key] = entry;
            }

            // A part the SMSC delivers twice (redelivery after a lost deliver_sm_resp) replaces itself.
            entry.Parts[info.Number - 1] = part;
            entry.Items.Add(item);
            if (entry.Parts.Any(p => p is null))
            {
                return null;
            }

            pending.Remove(key);
            return Join(entry);
        }
    }

    /// <summary>Releases the messages whose parts stopped arriving, each joined from the parts present.</summary>
    public IReadOnlyList<Joined> TakeExpired()
    {
        var cutoff = time.GetUtcNow() - timeout;
        lock (gate)
        {
            var expired = pending.Where(p => p.Value.FirstSeen <= cutoff).ToList();
            foreach (var (key, _) in expired)
            {
                pending.Remove(key);
            }

            return [.. expired.Select(p => Join(p.Value))];
        }
    }

    private static Joined Join(Pending entry)
    {
        var present = entry.Parts.Where(p => p is not null).Select(p => p!).ToList();
        var first = present[0];
        var whole = first with
        {
            Text = string.Concat(present.Select(p => p.Text)),
            ShortMessage = ReadOnlyMemory<byte>.Empty,
            Concatenation = new ConcatenationInfo(first.Concatenation!.Value.Reference, entry.Parts.Length, 0),
        };
        return new Joined(whole, entry.Items);
    }

    private readonly record struct PartKey(string Source, string Destination, int Reference, int Total);

    private sealed record Pending(DateTimeOffset FirstSeen, InboundMessage?[] Parts, List<IngressItem<InboundMessage>> Items);
}
