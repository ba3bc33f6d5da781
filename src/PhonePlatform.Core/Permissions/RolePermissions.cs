using PhonePlatform.Core.Members;

namespace PhonePlatform.Core.Permissions;

/// <summary>The permission matrix: exactly what each role (and the billing capability) grants.</summary>
public static class RolePermissions
{
    public const Permission Viewer = Permission.WorkspaceRead | Permission.MembersRead | Permission.NumbersRead | Permission.ContactsRead;

    public const Permission Member = Viewer | Permission.NumbersUse | Permission.ContactsWrite;

    public const Permission Admin = Member
        | Permission.MembersManage
        | Permission.NumbersManage
        | Permission.NumberAccessManage
        | Permission.ApiKeysManage
        | Permission.AuditRead
        | Permission.DataExport
        | Permission.SecurityManage
        | Permission.WebhooksManage
        | Permission.TrunksManage;

    public const Permission BillingCapability = Permission.BillingRead | Permission.BillingManage;

    public const Permission Owner = Admin | BillingCapability;

    public static Permission For(Role role, bool billing)
    {
        var granted = role switch
        {
            Role.Owner => Owner,
            Role.Admin => Admin,
            Role.Member => Member,
            Role.Viewer => Viewer,
            _ => Permission.None,
        };
        return billing ? granted | BillingCapability : granted;
    }

    /// <summary>Roles that a workspace's two-factor policy applies to.</summary>
    public static bool IsAdministrative(Role role) => role is Role.Owner or Role.Admin;
}
