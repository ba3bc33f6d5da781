using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhonePlatform.Core.ApiKeys;
using PhonePlatform.Core.Identity;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Auth;

/// <summary>
/// Resolves <c>Authorization: Bearer pp_sess_…</c> (or the <c>pp_session</c> cookie) and <c>Bearer pp_live_…</c> API keys
/// to a <see cref="Caller"/>. This and the login/sign-up use cases are the only code that reads across workspaces
/// (<c>IgnoreQueryFilters</c>), because they run before the tenant is known.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PhonePlatformDbContext db,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PhonePlatformToken";
    public const string SessionCookie = "pp_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var caller = ApiKeyToken.TryReadPrefix(token, out var prefix)
            ? await FromApiKeyAsync(token, prefix)
            : OpaqueToken.Session.LooksLikeOne(token) ? await FromSessionAsync(token) : null;
        if (caller is null)
        {
            return AuthenticateResult.Fail("Invalid or expired token.");
        }

        Context.Items[typeof(Caller)] = caller;
        var identity = new ClaimsIdentity(
            [
                new Claim("pp:workspace", caller.WorkspaceId.ToString()),
                new Claim(ClaimTypes.NameIdentifier, (caller.UserId ?? caller.ApiKeyId)!.Value.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask; // The status code pages middleware writes the problem document.
    }

    private string? ReadToken()
    {
        string? header = Request.Headers.Authorization;
        if (header is not null)
        {
            return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
        }

        return Request.Cookies.TryGetValue(SessionCookie, out var cookie) ? cookie : null;
    }

    private async Task<Caller?> FromApiKeyAsync(string token, string prefix)
    {
        // A key never outlives or outranks its creator: it holds the intersection of its own permissions and the
        // creator's current ones, and stops working when the creator leaves the workspace.
        var found = await (
                from k in db.ApiKeys.IgnoreQueryFilters()
                join m in db.Memberships.IgnoreQueryFilters() on new { k.WorkspaceId, UserId = k.CreatedByUserId } equals new { m.WorkspaceId, m.UserId }
                where k.Prefix == prefix && k.RevokedAt == null
                select new { Key = k, m.Role, m.Billing })
            .AsNoTracking()
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null || !ApiKeyToken.Matches(token, found.Key.SecretHash))
        {
            return null;
        }

        var key = found.Key;
        await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == key.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, time.GetUtcNow()), Context.RequestAborted);
        var permissions = key.Permissions & RolePermissions.For(found.Role, found.Billing);
        return new Caller(key.WorkspaceId, permissions, null, null, null, null, key.Id, null, false, Ip());
    }

    private async Task<Caller?> FromSessionAsync(string token)
    {
        var hash = OpaqueToken.Hash(token);
        var now = time.GetUtcNow();
        var found = await (
                from s in db.Sessions.IgnoreQueryFilters()
                join m in db.Memberships.IgnoreQueryFilters() on new { s.WorkspaceId, s.UserId } equals new { m.WorkspaceId, m.UserId }
                join u in db.Users on s.UserId equals u.Id
                join w in db.Workspaces.IgnoreQueryFilters() on s.WorkspaceId equals w.Id
                where s.TokenHash == hash && s.RevokedAt == null && s.ExpiresAt > now
                select new { Session = s, Membership = m, u.TwoFactorEnabled, w.RequireTwoFactorForAdmins })
            .AsNoTracking()
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return null;
        }

        var role = found.Membership.Role;
        var enrollmentRequired = found.RequireTwoFactorForAdmins && RolePermissions.IsAdministrative(role) && !found.TwoFactorEnabled;
        return new Caller(
            found.Session.WorkspaceId,
            RolePermissions.For(role, found.Membership.Billing),
            found.Session.UserId,
            found.Membership.Id,
            role,
            found.Session.Id,
            null,
            found.Session.StepUpUntil,
            enrollmentRequired,
            Ip());
    }

    private string? Ip() => Context.Connection.RemoteIpAddress?.ToString();
}
