namespace PhonePlatform.Compliance;

/// <summary>Audit actions of the compliance area.</summary>
public static class ComplianceAuditActions
{
    public const string WorkspaceCancelled = "workspace.cancelled";
    public const string WorkspaceDeleteNow = "workspace.delete-now";
}
