using System.Net;
using System.Net.Sockets;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Trunks;

namespace PhonePlatform.Api.UseCases.Trunks;

/// <summary>What a trunk request must satisfy before it reaches the database or the gateway; every violation is reported.</summary>
public static class TrunkInputRules
{
    public const int MaxName = 100;
    public const int MaxCredential = 128;
    public const int MaxAllowedSources = 32;
    public const int MaxPrefixes = 64;
    public const int MaxPriority = 1000;
    public const decimal MaxCostPerMinute = 100m;

    // An allow-list names a carrier's addresses, not the internet: nothing wider than a /16 (IPv4) or /32 (IPv6).
    private const int MinIpv4PrefixLength = 16;
    private const int MinIpv6PrefixLength = 32;

    public static Failure? Check(TrunkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxName || request.Name.Any(char.IsControl))
        {
            Fail("name", $"Give a name of 1 to {MaxName} characters.");
        }

        if (!IsHost(request.Host))
        {
            Fail("host", "Give the carrier's SIP server as an IP address or a host name (no scheme, port or path).");
        }

        if (request.Port is < 1 or > 65535)
        {
            Fail("port", "A port is 1 to 65535.");
        }

        if (!Enum.IsDefined(request.Transport))
        {
            Fail("transport", "Use udp or tcp.");
        }

        if (CredentialError(request) is { } credentialError)
        {
            Fail("authUsername", credentialError);
        }

        if (SourcesError(request.AllowedSources ?? []) is { } sourcesError)
        {
            Fail("allowedSources", sourcesError);
        }

        if (!Enum.IsDefined(request.NumberFormat))
        {
            Fail("numberFormat", "Use e164, e164WithoutPlus or national.");
        }

        if (request.CountryCode is not { Length: >= 1 and <= 3 } || !request.CountryCode.All(char.IsAsciiDigit) || request.CountryCode[0] == '0')
        {
            Fail("countryCode", "A country calling code is 1 to 3 digits without '+', e.g. 1 or 49.");
        }

        var prefixes = request.Prefixes ?? [];
        if (prefixes.Count > MaxPrefixes || prefixes.Any(p => p is null || !IsPrefix(p)))
        {
            Fail("prefixes", $"At most {MaxPrefixes} prefixes, each '+' followed by up to 15 digits (e.g. +1, +4930); none for every destination.");
        }

        if (request.Priority is < 0 or > MaxPriority)
        {
            Fail("priority", $"Priority is 0 to {MaxPriority}; lower is tried first.");
        }

        if (request.CostPerMinute < 0 || request.CostPerMinute > MaxCostPerMinute || request.CostPerMinute.Scale > 5)
        {
            Fail("costPerMinute", $"Cost per minute is 0 to {MaxCostPerMinute} with at most 5 decimals.");
        }

        return errors.Count == 0
            ? null
            : new Failure(StatusCodes.Status400BadRequest, "validation", "The request is not valid", "See errors.", errors);
    }

    /// <summary>Both credentials or neither; empty strings (both) remove stored ones.</summary>
    private static string? CredentialError(TrunkRequest request) => (request.AuthUsername, request.AuthPassword) switch
    {
        (null, null) => null,
        ("", "") => null,
        ({ } user, { } password) when user.Length is > 0 and <= MaxCredential && password.Length is > 0 and <= MaxCredential
            && !user.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '"' or ':') && !password.Any(char.IsControl) => null,
        _ => $"Give authUsername and authPassword together (1 to {MaxCredential} characters, no control characters; the user name without spaces, quotes or ':').",
    };

    private static string? SourcesError(IReadOnlyList<string> sources)
    {
        if (sources.Count > MaxAllowedSources)
        {
            return $"At most {MaxAllowedSources} networks.";
        }

        foreach (var source in sources)
        {
            if (source is null || !IPNetwork.TryParse(source, out var network))
            {
                return $"'{source}' is not a network in CIDR form (e.g. 203.0.113.10/32).";
            }

            var minimum = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? MinIpv4PrefixLength : MinIpv6PrefixLength;
            if (network.PrefixLength < minimum)
            {
                return $"'{source}' is wider than /{minimum}: list the carrier's own addresses.";
            }
        }

        return null;
    }

    private static bool IsHost(string? host) =>
        host is { Length: > 0 and <= 253 }
        && (IPAddress.TryParse(host, out _) && !host.Contains('%', StringComparison.Ordinal) || Uri.CheckHostName(host) == UriHostNameType.Dns);

    private static bool IsPrefix(string prefix) =>
        prefix.Length is >= 1 and <= 16 && prefix[0] == '+' && prefix.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
