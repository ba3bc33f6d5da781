namespace PhonePlatform.Compliance.Exports;

/// <summary>Audit actions of the export lifecycle (each names the export as its target).</summary>
public static class ExportAuditActions
{
    public const string Requested = "data.export.requested";
    public const string Completed = "data.export.completed";
    public const string Failed = "data.export.failed";
    public const string LinkIssued = "data.export.link-issued";
    public const string Downloaded = "data.export.downloaded";
    public const string Expired = "data.export.expired";
}
