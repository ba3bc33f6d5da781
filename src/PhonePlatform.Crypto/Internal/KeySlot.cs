namespace PhonePlatform.Crypto.Internal;

/// <summary>Cache address of a key version; <see cref="Version"/> 0 stands for "whatever is current".</summary>
internal readonly record struct KeySlot(Guid WorkspaceId, KeyPurpose Purpose, int Version)
{
    public const int Current = 0;
}
