namespace PhonePlatform.Core.Permissions;

/// <summary>The stable, lower-case names of permissions used in the API (e.g. <c>numbers:read</c>).</summary>
public static class PermissionNames
{
    private static readonly (Permission Permission, string Name)[] All =
    [
        (Permission.WorkspaceRead, "workspace:read"),
        (Permission.MembersRead, "members:read"),
        (Permission.MembersManage, "members:manage"),
        (Permission.NumbersRead, "numbers:read"),
        (Permission.NumbersManage, "numbers:manage"),
        (Permission.NumbersUse, "numbers:use"),
        (Permission.NumberAccessManage, "number-access:manage"),
        (Permission.ApiKeysManage, "api-keys:manage"),
        (Permission.AuditRead, "audit:read"),
        (Permission.BillingRead, "billing:read"),
        (Permission.BillingManage, "billing:manage"),
        (Permission.DataExport, "data:export"),
        (Permission.SecurityManage, "security:manage"),
        (Permission.ContactsRead, "contacts:read"),
        (Permission.ContactsWrite, "contacts:write"),
        (Permission.WebhooksManage, "webhooks:manage"),
        (Permission.TrunksManage, "trunks:manage"),
    ];

    /// <summary>Every single permission, in a stable order.</summary>
    public static IReadOnlyList<Permission> Each { get; } = [.. All.Select(p => p.Permission)];

    public static string NameOf(Permission permission) =>
        All.FirstOrDefault(p => p.Permission == permission).Name
        ?? throw new ArgumentOutOfRangeException(nameof(permission), permission, "Not a single permission.");

    public static IReadOnlyList<string> ToNames(Permission set) =>
        [.. All.Where(p => set.HasFlag(p.Permission)).Select(p => p.Name)];

    /// <summary>Parses names; returns false and the first unknown name when one is not a permission.</summary>
    public static bool TryParse(IEnumerable<string> names, out Permission set, out string? unknown)
    {
        ArgumentNullException.ThrowIfNull(names);
        set = Permission.None;
        unknown = null;
        foreach (var name in names)
        {
            var match = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (match.Name is null)
            {
                unknown = name;
                set = Permission.None;
                return false;
            }

            set |= match.Permission;
        }

        return true;
    }
}
