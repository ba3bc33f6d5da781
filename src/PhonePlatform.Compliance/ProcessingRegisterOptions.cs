namespace PhonePlatform.Compliance;

/// <summary>Section <c>Compliance:ProcessingRegister</c>: the facts the GDPR Art. 30 register is generated from.</summary>
public sealed class ProcessingRegisterOptions
{
    public string ControllerName { get; set; } = "";
    public string ControllerContact { get; set; } = "";
    public string DataProtectionOfficer { get; set; } = "";

    /// <summary>Regions where workspace data (database, blob bucket, keys) may be stored, e.g. <c>eu-central-1</c>.</summary>
    public List<string> Regions { get; set; } = [];

    public List<ProcessingActivityOptions> Activities { get; set; } = [];

    /// <summary>Carriers, storage, KMS, payment provider, …</summary>
    public List<SubprocessorOptions> Subprocessors { get; set; } = [];
}

/// <summary>One processing activity: Art. 30(1)(b)–(g).</summary>
public sealed class ProcessingActivityOptions
{
    public string Name { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string LegalBasis { get; set; } = "";
    public List<string> DataSubjects { get; set; } = [];
    public List<string> DataCategories { get; set; } = [];
    public List<string> Recipients { get; set; } = [];
    public string Retention { get; set; } = "";
    public string SecurityMeasures { get; set; } = "";
}

public sealed class SubprocessorOptions
{
    public string Name { get; set; } = "";

    /// <summary><c>carrier</c>, <c>storage</c>, <c>kms</c>, <c>payment</c>, …</summary>
    public string Kind { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string Region { get; set; } = "";
    public List<string> DataCategories { get; set; } = [];

    /// <summary>Safeguard for transfers outside the EEA (Art. 46), empty when none is needed.</summary>
    public string TransferSafeguard { get; set; } = "";
}
