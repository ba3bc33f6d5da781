using System.Net;

namespace PhonePlatform.Sip.Trunks;

/// <summary>
/// The trunks in use; decides which trunk (if any) an inbound request comes from by its source address. The set can be
/// replaced while calls run (trunks edited through the API): readers always see one consistent snapshot.
/// </summary>
public sealed class SipTrunkDirectory(IEnumerable<SipTrunk> trunks)
{
    private volatile IReadOnlyList<SipTrunk> trunks = trunks.ToList();

    public IReadOnlyList<SipTrunk> All => trunks;

    /// <summary>The trunk whose allow-list contains <paramref name="source"/>, or null: such a request is not trunk traffic.</summary>
    public SipTrunk? FindBySource(IPAddress source) => trunks.FirstOrDefault(t => t.AllowsSource(source));

    public SipTrunk? FindByName(string name) => trunks.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public SipTrunk? FindById(string id) => trunks.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    /// <summary>Swaps in a new set of trunks; requests already being handled keep the trunk they found.</summary>
    public void Replace(IEnumerable<SipTrunk> replacement) => trunks = replacement.ToList();
}
