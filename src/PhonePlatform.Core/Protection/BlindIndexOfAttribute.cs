namespace PhonePlatform.Core.Protection;

/// <summary>
/// Marks a <c>byte[]</c> property as the blind index of an <see cref="EncryptedText"/> property of the same entity.
/// The data layer computes it on save (HMAC of the normalised plaintext under the workspace's index key) and indexes
/// the column together with the workspace id, so equality lookups work without plaintext in the database.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class BlindIndexOfAttribute(string sourceProperty, BlindIndexKind kind) : Attribute
{
    public string SourceProperty { get; } = sourceProperty;

    public BlindIndexKind Kind { get; } = kind;
}
