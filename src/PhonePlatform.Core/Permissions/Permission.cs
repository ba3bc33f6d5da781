namespace PhonePlatform.Core.Permissions;

/// <summary>What a principal may do inside its workspace. Roles and API keys both resolve to a set of these.</summary>
[Flags]
#pragma warning disable CA1028 // Stored as a bigint bit set; 64 bits leave room to grow.
public enum Permission : long
#pragma warning restore CA1028
{
    None = 0,
    WorkspaceRead = 1 << 0,
    MembersRead = 1 << 1,
    MembersManage = 1 << 2,
    NumbersRead = 1 << 3,
    NumbersManage = 1 << 4,
    NumbersUse = 1 << 5,
    NumberAccessManage = 1 << 6,
    ApiKeysManage = 1 << 7,
    AuditRead = 1 << 8,
    BillingRead = 1 << 9,
    BillingManage = 1 << 10,
    DataExport = 1 << 11,
    SecurityManage = 1 << 12,
    ContactsRead = 1 << 13,
    ContactsWrite = 1 << 14,
    WebhooksManage = 1 << 15,
    TrunksManage = 1 << 16,
}
