using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using PhonePlatform.Crypto.Internal;

namespace PhonePlatform.Crypto;

/// <summary>
/// Encrypts single values (columns) under the workspace's current data key with AES-256-GCM and a random 96-bit
/// nonce. The record carries its format and key version; the workspace id and <see cref="FieldContext"/> are bound
/// as associated data. Synchronous methods need the key cached (see <see cref="WorkspaceKeyring.WarmAsync"/>) and
/// allocate only the result; async methods load the key when needed.
/// </summary>
/// <remarks>
/// Random nonces are safe for up to 2^32 encryptions per key version (NIST SP 800-38D §8.3); rotate well before a
/// workspace writes that many values under one version.
/// </remarks>
public sealed class FieldCipher
{
    private readonly WorkspaceKeyring keyring;

    public FieldCipher(WorkspaceKeyring keyring)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        this.keyring = keyring;
    }

    /// <summary>Bytes added to every plaintext: header, nonce and tag.</summary>
    public static int Overhead => FieldRecordFormat.Overhead;

    /// <summary>Key version a ciphertext was written under, or -1 when it is not a well-formed record.</summary>
    /// <remarks>Lets a re-encryption batch skip rows that are already current without decrypting them.</remarks>
    public static int GetKeyVersion(ReadOnlySpan<byte> ciphertext) => FieldRecordFormat.ReadKeyVersion(ciphertext);

    /// <summary>Encrypts with the cached current key.</summary>
    /// <exception cref="KeyNotCachedException">The key is not cached.</exception>
    public byte[] Encrypt(Guid workspaceId, FieldContext context, ReadOnlySpan<byte> plaintext)
    {
        FieldRecordFormat.Validate(context);
        if (!keyring.TryAcquireCurrent(workspaceId, KeyPurpose.Data, out var lease))
        {
            throw new KeyNotCachedException();
        }

        using (lease)
        {
            return Seal(lease, workspaceId, context, plaintext);
        }
    }

    /// <summary>UTF-8 encodes and encrypts a string with the cached current key.</summary>
    public byte[] Encrypt(Guid workspaceId, FieldContext context, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return Encrypt(workspaceId, context, Encoding.UTF8.GetBytes(plaintext));
    }

    /// <summary>Decrypts with the cached key version the record names.</summary>
    /// <exception cref="KeyNotCachedException">That key version is not cached.</exception>
    /// <exception cref="DecryptionFailedException">Tampered, truncated, or bound to another context.</exception>
    public byte[] Decrypt(Guid workspaceId, FieldContext context, ReadOnlySpan<byte> ciphertext)
    {
        FieldRecordFormat.Validate(context);
        var version = RequireKeyVersion(ciphertext);
        if (!keyring.TryAcquireVersion(workspaceId, KeyPurpose.Data, version, out var lease))
        {
            throw new KeyNotCachedException();
        }

        using (lease)
        {
            return Open(lease, workspaceId, context, ciphertext);
        }
    }

    /// <summary>Decrypts and UTF-8 decodes a string with the cached key.</summary>
    public string DecryptString(Guid workspaceId, FieldContext context, ReadOnlySpan<byte> ciphertext)
    {
        var plaintext = Decrypt(workspaceId, context, ciphertext);
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public async ValueTask<byte[]> EncryptAsync(Guid workspaceId, FieldContext context, ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken = default)
    {
        FieldRecordFormat.Validate(context);
        using var lease = await keyring.AcquireCurrentAsync(workspaceId, KeyPurpose.Data, cancellationToken);
        return Seal(lease, workspaceId, context, plaintext.Span);
    }

    public ValueTask<byte[]> EncryptAsync(Guid workspaceId, FieldContext context, string plaintext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return EncryptAsync(workspaceId, context, Encoding.UTF8.GetBytes(plaintext), cancellationToken);
    }

    public async ValueTask<byte[]> DecryptAsync(Guid workspaceId, FieldContext context, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken = default)
    {
        FieldRecordFormat.Validate(context);
        var version = RequireKeyVersion(ciphertext.Span);
        using var lease = await keyring.AcquireVersionAsync(workspaceId, KeyPurpose.Data, version, cancellationToken);
        return Open(lease, workspaceId, context, ciphertext.Span);
    }

    public async ValueTask<string> DecryptStringAsync(Guid workspaceId, FieldContext context, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken = default)
    {
        var plaintext = await DecryptAsync(workspaceId, context, ciphertext, cancellationToken);
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Rotation helper: decrypts with the version the record names and encrypts under the current version.
    /// Returns null when the record is already current (nothing to write back).
    /// </summary>
    public async ValueTask<byte[]?> ReEncryptAsync(Guid workspaceId, FieldContext context, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken = default)
    {
        FieldRecordFormat.Validate(context);
        var version = RequireKeyVersion(ciphertext.Span);
        using var current = await keyring.AcquireCurrentAsync(workspaceId, KeyPurpose.Data, cancellationToken);
        if (current.Version == version)
        {
            return null;
        }

        byte[] plaintext;
        using (var old = await keyring.AcquireVersionAsync(workspaceId, KeyPurpose.Data, version, cancellationToken))
        {
            plaintext = Open(old, workspaceId, context, ciphertext.Span);
        }

        try
        {
            return Seal(current, workspaceId, context, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static int RequireKeyVersion(ReadOnlySpan<byte> ciphertext)
    {
        var version = FieldRecordFormat.ReadKeyVersion(ciphertext);
        return version > 0 ? version : throw new DecryptionFailedException("Not an encrypted field of a supported format.");
    }

    private static byte[] Seal(in KeyLease lease, Guid workspaceId, in FieldContext context, ReadOnlySpan<byte> plaintext)
    {
        var output = GC.AllocateUninitializedArray<byte>(FieldRecordFormat.Overhead + plaintext.Length);
        var header = output.AsSpan(0, FieldRecordFormat.HeaderSize);
        FieldRecordFormat.WriteHeader(header, lease.Version);
        var nonce = output.AsSpan(FieldRecordFormat.HeaderSize, AesGcmLayout.NonceSize);
        NonceSource.Fill(nonce);
        var ciphertext = output.AsSpan(FieldRecordFormat.HeaderSize + AesGcmLayout.NonceSize, plaintext.Length);
        var tag = output.AsSpan(output.Length - AesGcmLayout.TagSize);

        var maxAssociated = FieldRecordFormat.MaxAssociatedDataSize(context);
        byte[]? rented = null;
        var associated = maxAssociated <= FieldRecordFormat.StackAssociatedDataLimit
            ? stackalloc byte[FieldRecordFormat.StackAssociatedDataLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(maxAssociated));
        try
        {
            var associatedLength = FieldRecordFormat.WriteAssociatedData(associated, header, workspaceId, context);
            var cipher = lease.Entry.RentCipher();
            try
            {
                cipher.Encrypt(nonce, plaintext, ciphertext, tag, associated[..associatedLength]);
            }
            finally
            {
                lease.Entry.ReturnCipher(cipher);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return output;
    }

    private static byte[] Open(in KeyLease lease, Guid workspaceId, in FieldContext context, ReadOnlySpan<byte> record)
    {
        var header = record[..FieldRecordFormat.HeaderSize];
        var nonce = record.Slice(FieldRecordFormat.HeaderSize, AesGcmLayout.NonceSize);
        var ciphertext = record[(FieldRecordFormat.HeaderSize + AesGcmLayout.NonceSize)..^AesGcmLayout.TagSize];
        var tag = record[^AesGcmLayout.TagSize..];
        var plaintext = GC.AllocateUninitializedArray<byte>(ciphertext.Length);

        var maxAssociated = FieldRecordFormat.MaxAssociatedDataSize(context);
        byte[]? rented = null;
        var associated = maxAssociated <= FieldRecordFormat.StackAssociatedDataLimit
            ? stackalloc byte[FieldRecordFormat.StackAssociatedDataLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(maxAssociated));
        try
        {
            var associatedLength = FieldRecordFormat.WriteAssociatedData(associated, header, workspaceId, context);
            var cipher = lease.Entry.RentCipher();
            try
            {
                cipher.Decrypt(nonce, ciphertext, tag, plaintext, associated[..associatedLength]);
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new DecryptionFailedException(
                    "Encrypted field failed authentication: tampered, or bound to another workspace, record or field.");
            }
            finally
            {
                lease.Entry.ReturnCipher(cipher);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return plaintext;
    }
}
