namespace PhonePlatform.Core.Protection;

/// <summary>
/// A protected text property. Entities declare protected fields with this type (never <c>string</c>); the data layer
/// maps it to a <c>bytea</c> column holding only ciphertext, encrypts it on save (bound to workspace, entity type,
/// record id and property name) and decrypts it on load. The plaintext exists only in memory; a value without
/// ciphertext cannot be written (the column converter refuses it), so a protected field cannot reach the database in
/// plaintext by accident.
/// </summary>
/// <remarks>Immutable from the outside: assign a new instance (<see cref="From"/>) to change a field.</remarks>
public sealed class EncryptedText
{
    private string? plaintext;

    private EncryptedText(string? plaintext, byte[]? ciphertext)
    {
        this.plaintext = plaintext;
        Ciphertext = ciphertext;
    }

    /// <summary>The stored record (format header, key version, nonce, ciphertext, tag); null until saved.</summary>
    public byte[]? Ciphertext { get; private set; }

    /// <summary>Whether the plaintext is available in memory.</summary>
    public bool HasValue => plaintext is not null;

    /// <summary>The plaintext.</summary>
    /// <exception cref="InvalidOperationException">Loaded without being decrypted (e.g. a raw projection).</exception>
    public string Value => plaintext ?? throw new InvalidOperationException("This protected value was not decrypted.");

    /// <summary>A new value to be encrypted when the entity is saved.</summary>
    public static EncryptedText From(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return new EncryptedText(plaintext, null);
    }

    /// <summary>For the data layer: a value read from its column, not yet decrypted.</summary>
    public static EncryptedText FromCiphertext(byte[] ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return new EncryptedText(null, ciphertext);
    }

    /// <summary>For the data layer: records the ciphertext produced on save.</summary>
    public void AttachCiphertext(byte[] sealedValue)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        Ciphertext = sealedValue;
    }

    /// <summary>For the data layer: records the plaintext produced on load.</summary>
    public void AttachPlaintext(string opened)
    {
        ArgumentNullException.ThrowIfNull(opened);
        plaintext = opened;
    }

    /// <summary>Never the plaintext: protected values must not leak into logs.</summary>
    public override string ToString() => "[protected]";
}
