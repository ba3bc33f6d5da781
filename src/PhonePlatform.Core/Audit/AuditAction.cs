namespace PhonePlatform.Core.Audit;

/// <summary>The names of audited actions, as stored and filtered on.</summary>
public static class AuditAction
{
    public const string WorkspaceCreated = "workspace.created";
    public const string Login = "auth.login";
    public const string LoginFailed = "auth.login_failed";
    public const string LockedOut = "auth.locked_out";
    public const string Logout = "auth.logout";
    public const string StepUp = "auth.step_up";
    public const string TwoFactorEnabled = "auth.2fa_enabled";
    public const string TwoFactorDisabled = "auth.2fa_disabled";
    public const string RecoveryCodeUsed = "auth.recovery_code_used";
    public const string MemberAdded = "member.added";
    public const string RoleChanged = "member.role_changed";
    public const string MemberRemoved = "member.removed";
    public const string NumberAdded = "number.added";
    public const string NumberDeleted = "number.deleted";
    public const string NumberAccessGranted = "number_access.granted";
    public const string NumberAccessRevoked = "number_access.revoked";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string BillingChanged = "billing.changed";
    public const string SecurityPolicyChanged = "security.policy_changed";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookChanged = "webhook.changed";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookSecretRotated = "webhook.secret_rotated";
    public const string TrunkCreated = "trunk.created";
    public const string TrunkChanged = "trunk.changed";
    public const string TrunkDeleted = "trunk.deleted";
}
