using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Identity;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Workspaces;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>Creates a workspace with its first owner (from the API or the command line).</summary>
public sealed class SignUp(PhonePlatformDbContext db, AuditLog audit, PasswordHasher hasher, TimeProvider time)
{
    public async Task<Outcome<SignUpResponse>> ExecuteAsync(SignUpRequest request, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!EmailAddress.TryNormalize(request.Email, out var email))
        {
            return Failure.Validation("email", "Enter a valid e-mail address.");
        }

        var name = request.WorkspaceName?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            return Failure.Validation("workspaceName", "Name the workspace (1 to 200 characters).");
        }

        if (PasswordPolicy.Check(request.Password, email) is { Count: > 0 } problems)
        {
            return Failure.Validation("password", [.. problems]);
        }

        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return Failure.Conflict("An account with this e-mail address exists; sign in instead.");
        }

        var now = time.GetUtcNow();
        var user = new User { Email = email, PasswordHash = await hasher.HashAsync(request.Password), CreatedAt = now };
        var workspace = new Workspace { Name = name, CreatedAt = now };
        var membership = new Membership { WorkspaceId = workspace.Id, UserId = user.Id, Role = Role.Owner, Billing = true, CreatedAt = now };

        db.UseWorkspace(workspace.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AddRange(user, workspace, membership);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return Failure.Conflict("An account with this e-mail address exists; sign in instead.");
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.WorkspaceCreated, user.Id, null, ip, "workspace", workspace.Id.ToString()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SignUpResponse(workspace.Id, user.Id, membership.Id);
    }
}
