namespace PhonePlatform.Api.Hosting;

/// <summary>What one process of the platform does. Every role runs from the same build.</summary>
[Flags]
public enum PlatformRole
{
    None = 0,

    /// <summary>The HTTP API, the web apps and the browser SIP WebSocket.</summary>
    Api = 1,

    /// <summary>The media gateway: SIP toward trunks and browsers, media relay, voicemail.</summary>
    Gateway = 2,

    /// <summary>The SMS workers: outbox, carrier sessions, receipts, inbound.</summary>
    Sms = 4,

    /// <summary>Background jobs: key rotation, retention, exports, backups, webhook delivery.</summary>
    Jobs = 8,

    All = Api | Gateway | Sms | Jobs,
}

/// <summary>
/// The roles of this process, from <c>--role gateway</c> (repeatable, or comma-separated) on the command line or
/// <c>Platform:Roles</c> in configuration (env <c>PHONEPLATFORM__Platform__Roles=api,jobs</c>). All roles by default,
/// so one process runs the whole platform on a single machine.
/// </summary>
public sealed class PlatformRoles
{
    public const string ConfigurationKey = "Platform:Roles";

    public PlatformRoles(PlatformRole roles) => Roles = roles;

    public PlatformRole Roles { get; }

    public bool Has(PlatformRole role) => (Roles & role) == role;

    public override string ToString() => Roles.ToString();

    public static PlatformRoles FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[ConfigurationKey];
        return new PlatformRoles(string.IsNullOrWhiteSpace(value) ? PlatformRole.All : Parse(value));
    }

    /// <summary>Parses <c>api,gateway</c>; unknown names fail loudly so a typo never starts a process that does nothing.</summary>
    public static PlatformRole Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var roles = PlatformRole.None;
        foreach (var name in value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= name.ToLowerInvariant() switch
            {
                "api" => PlatformRole.Api,
                "gateway" => PlatformRole.Gateway,
                "sms" => PlatformRole.Sms,
                "jobs" => PlatformRole.Jobs,
                "all" => PlatformRole.All,
                _ => throw new ArgumentException($"Unknown role '{name}'. Roles: api, gateway, sms, jobs, all.", nameof(value)),
            };
        }

        return roles == PlatformRole.None ? PlatformRole.All : roles;
    }

    /// <summary>Moves every <c>--role X</c> pair out of the host's arguments into configuration form.</summary>
    public static string[] ExtractRoleArguments(string[] args, out string? roles)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>(args.Length);
        var named = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--role" && i + 1 < args.Length)
            {
                named.Add(args[++i]);
            }
            else if (args[i].StartsWith("--role=", StringComparison.Ordinal))
            {
                named.Add(args[i]["--role=".Length..]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        roles = named.Count == 0 ? null : string.Join(',', named);
        return [.. rest];
    }
}
