namespace PhonePlatform.Core;

/// <summary>
/// A record that belongs to exactly one workspace. The data layer filters every query on these
/// by the workspace of the authenticated principal and refuses to save one into another workspace.
/// </summary>
public interface ITenantScoped
{
    Guid WorkspaceId { get; set; }
}
