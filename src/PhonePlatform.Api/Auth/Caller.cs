using System.Reflection;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Permissions;

namespace PhonePlatform.Api.Auth;

/// <summary>
/// Who is calling, resolved once per request by <see cref="TokenAuthenticationHandler"/> from a session token or an
/// API key: the workspace every query is confined to, and exactly the permissions held.
/// </summary>
public sealed record Caller(
    Guid WorkspaceId,
    Permission Permissions,
    Guid? UserId,
    Guid? MembershipId,
    Role? Role,
    Guid? SessionId,
    Guid? ApiKeyId,
    DateTimeOffset? StepUpUntil,
    bool TwoFactorEnrollmentRequired,
    string? Ip)
{
    public bool IsApiKey => ApiKeyId is not null;

    public bool Has(Permission permission) => (Permissions & permission) == permission;

    public static Caller? From(HttpContext context) =>
        context?.Items.TryGetValue(typeof(Caller), out var caller) == true ? caller as Caller : null;

    /// <summary>Minimal API binding: endpoints behind authorization take a <see cref="Caller"/> parameter.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(From(context) ?? throw new InvalidOperationException("Endpoint reached without an authenticated caller."));
}
