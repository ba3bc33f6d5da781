using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Audit;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

/// <summary>
/// Exports the workspace's records (step-up, audited). Later parts (contacts, messages, calls) add their records here.
/// </summary>
public sealed class ExportWorkspaceData(PhonePlatformDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Outcome<ExportResponse>> ExecuteAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var workspace = await db.Workspaces.AsNoTracking().SingleAsync(cancellationToken);
        var members = await (
                from m in db.Memberships
                join u in db.Users on m.UserId equals u.Id
                orderby m.Id
                select new MemberResponse(m.Id, u.Id, u.Email, m.Role, m.Billing, m.CreatedAt))
            .ToListAsync(cancellationToken);
        var numbers = await db.PhoneNumbers.OrderBy(n => n.Id)
            .Select(n => new NumberResponse(n.Id, n.E164, n.Label, n.CreatedAt)).ToListAsync(cancellationToken);
        var access = await db.NumberAccess.OrderBy(a => a.Id)
            .Select(a => new ExportedNumberAccess(a.PhoneNumberId, a.MembershipId, a.Level)).ToListAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);

        await audit.AppendAsync(caller.Event(AuditAction.DataExported, "workspace", workspace.Id), cancellationToken);
        return new ExportResponse(
            new WorkspaceResponse(workspace.Id, workspace.Name, workspace.CreatedAt, workspace.RequireTwoFactorForAdmins, workspace.BillingPlan),
            members,
            numbers,
            access,
            [.. keys.Select(ApiKeyViews.From)],
            time.GetUtcNow());
    }
}
