namespace PhonePlatform.Data.Encryption;

/// <summary>
/// One wrapped key version of a workspace, as stored by <see cref="PostgresWrappedKeyStore"/>. Mapped in the model
/// only so migrations create the table; the store itself uses plain SQL (it runs inside EF's own command pipeline and
/// across workspaces, outside the tenant filter).
/// </summary>
public sealed class WorkspaceKeyRow
{
    public Guid WorkspaceId { get; set; }
    public int Purpose { get; set; }
    public int Version { get; set; }
    public string ProviderName { get; set; } = "";

    /// <summary>The provider-wrapped key; empty once destroyed.</summary>
    public byte[] WrappedKey { get; set; } = [];
    public bool IsCurrent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DestroyedAt { get; set; }
}
