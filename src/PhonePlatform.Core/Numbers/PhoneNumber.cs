namespace PhonePlatform.Core.Numbers;

/// <summary>A telephone number the workspace holds, stored in E.164 form (e.g. <c>+14155550100</c>).</summary>
public sealed class PhoneNumber : ITenantScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public required string E164 { get; set; }
    public string Label { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
