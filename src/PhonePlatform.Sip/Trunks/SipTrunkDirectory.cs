using System.Net;

namespace PhonePlatform.Sip.Trunks;

/// <summary>The configured trunks; decides which trunk (if any) an inbound request comes from by its source address.</summary>
public sealed class SipTrunkDirectory(IEnumerable<SipTrunk> trunks)
{
    private readonly IReadOnlyList<SipTrunk> trunks = trunks.ToList();

    public IReadOnlyList<SipTrunk> All => trunks;

    /// <summary>The trunk whose allow-list contains <paramref name="source"/>, or null: such a request is not trunk traffic.</summary>
    public SipTrunk? FindBySource(IPAddress source) => trunks.FirstOrDefault(t => t.AllowsSource(source));

    public SipTrunk? FindByName(string name) => trunks.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
