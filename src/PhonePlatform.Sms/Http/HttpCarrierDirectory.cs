namespace PhonePlatform.Sms.Http;

/// <summary>The configured REST carriers, by id.</summary>
public sealed class HttpCarrierDirectory(IEnumerable<HttpCarrierOptions> carriers)
{
    private readonly Dictionary<string, HttpCarrierOptions> byId = carriers.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public HttpCarrierOptions? Find(string carrierId) => byId.GetValueOrDefault(carrierId);

    public IEnumerable<HttpCarrierOptions> All => byId.Values;
}
