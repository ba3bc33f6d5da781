using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Identity;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Issues a new pending TOTP secret; it takes effect only once a code from it is confirmed.</summary>
public sealed class BeginTwoFactorSetup(PhonePlatformDbContext db)
{
    public const string Issuer = "PhonePlatform";

    public async Task<Outcome<TwoFactorSetupResponse>> ExecuteAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.UserId is not { } userId)
        {
            return Failure.Forbidden("Two-factor authentication belongs to users, not API keys.");
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.TwoFactorEnabled)
        {
            return Failure.Conflict("Two-factor authentication is already enabled; disable it first to enrol a new device.");
        }

        user.TotpSecret = TotpAuthenticator.NewSecret();
        await db.SaveChangesAsync(cancellationToken);
        return new TwoFactorSetupResponse(
            TotpAuthenticator.ToBase32(user.TotpSecret),
            TotpAuthenticator.ProvisioningUri(user.TotpSecret, user.Email, Issuer));
    }
}
