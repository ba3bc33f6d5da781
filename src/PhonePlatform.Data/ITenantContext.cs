namespace PhonePlatform.Data;

/// <summary>
/// The workspace of the authenticated principal, or null for anonymous requests and tools.
/// The API host implements it from the request's principal; nothing else decides the tenant.
/// </summary>
public interface ITenantContext
{
    Guid? WorkspaceId { get; }
}

/// <summary>No principal: tenant-scoped data is invisible until trusted code calls <see cref="PhonePlatformDbContext.UseWorkspace"/>.</summary>
public sealed class NoTenant : ITenantContext
{
    public static readonly NoTenant Instance = new();

    public Guid? WorkspaceId => null;
}
