using PhonePlatform.Core.Compliance;

namespace PhonePlatform.Api.Contracts;

/// <summary>
/// An export and its progress. <c>status</c>: queued → running → completed (downloadable until <c>expiresAt</c>)
/// → expired; or failed. <c>progress.percent</c> is 0–100.
/// </summary>
public sealed record ExportResponse(
    Guid Id,
    DataExportScope Scope,
    DataExportStatus Status,
    ExportProgressResponse Progress,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ExpiresAt,
    long? Size,
    int Downloads,
    DateTimeOffset? LastDownloadedAt,
    string? Error)
{
    public static ExportResponse From(DataExport e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var percent = e.Status == DataExportStatus.Completed ? 100 : e.StepsTotal == 0 ? 0 : (int)(100L * e.StepsDone / e.StepsTotal);
        return new(
            e.Id, e.Scope, e.Status, new ExportProgressResponse(e.Stage, e.StepsDone, e.StepsTotal, percent),
            e.RequestedAt, e.StartedAt, e.CompletedAt, e.ExpiresAt, e.Size, e.Downloads, e.LastDownloadedAt, e.Error);
    }
}

public sealed record ExportProgressResponse(string Stage, int StepsDone, int StepsTotal, int Percent);

/// <summary>A single-use download link (relative URL, no session needed) and until when the export can be downloaded.</summary>
public sealed record ExportLinkResponse(string Url, DateTimeOffset ExpiresAt);
