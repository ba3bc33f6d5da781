using Microsoft.Extensions.Options;

namespace PhonePlatform.Compliance;

/// <summary>
/// The GDPR Art. 30 record of processing activities and the sub-processor list, generated from configuration so
/// the published register and the running system have one source. Entries without a name are left out; lists
/// come out sorted so the documents are stable between deployments.
/// </summary>
public sealed class ProcessingRegister(IOptionsMonitor<ProcessingRegisterOptions> options)
{
    public ProcessingRegisterDocument Current()
    {
        var o = options.CurrentValue;
        return new ProcessingRegisterDocument(
            new ControllerEntry(o.ControllerName, o.ControllerContact, o.DataProtectionOfficer),
            o.Regions.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            o.Activities.Where(a => a.Name.Length > 0).OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => new ProcessingActivity(a.Name, a.Purpose, a.LegalBasis, [.. a.DataSubjects], [.. a.DataCategories], [.. a.Recipients], a.Retention, a.SecurityMeasures))
                .ToList(),
            Subprocessors());
    }

    public IReadOnlyList<Subprocessor> Subprocessors() =>
        options.CurrentValue.Subprocessors.Where(s => s.Name.Length > 0)
            .OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new Subprocessor(s.Name, s.Kind, s.Purpose, s.Region, [.. s.DataCategories], s.TransferSafeguard.Length > 0 ? s.TransferSafeguard : null))
            .ToList();
}

public sealed record ProcessingRegisterDocument(
    ControllerEntry Controller,
    IReadOnlyList<string> Regions,
    IReadOnlyList<ProcessingActivity> Activities,
    IReadOnlyList<Subprocessor> Subprocessors);

public sealed record ControllerEntry(string Name, string Contact, string DataProtectionOfficer);

public sealed record ProcessingActivity(
    string Name,
    string Purpose,
    string LegalBasis,
    IReadOnlyList<string> DataSubjects,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string> Recipients,
    string Retention,
    string SecurityMeasures);

public sealed record Subprocessor(string Name, string Kind, string Purpose, string Region, IReadOnlyList<string> DataCategories, string? TransferSafeguard);
