namespace PhonePlatform.Compliance.Exports;

/// <summary>Receives an archive's progress: the stage it entered and how many of its steps are done.</summary>
public interface IExportProgress
{
    ValueTask ReportAsync(string stage, int stepsDone, int stepsTotal, CancellationToken cancellationToken);
}

/// <summary>Progress nobody watches (archives built outside the export job, e.g. in tests).</summary>
public sealed class NoExportProgress : IExportProgress
{
    public static readonly NoExportProgress Instance = new();

    public ValueTask ReportAsync(string stage, int stepsDone, int stepsTotal, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
