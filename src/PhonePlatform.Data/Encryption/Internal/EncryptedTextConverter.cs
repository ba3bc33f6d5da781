using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PhonePlatform.Core.Protection;

namespace PhonePlatform.Data.Encryption.Internal;

/// <summary>
/// Column mapping of <see cref="EncryptedText"/>: only the ciphertext ever reaches the provider. A value the save
/// pipeline did not seal makes the write fail instead of silently storing something else.
/// </summary>
internal sealed class EncryptedTextConverter() : ValueConverter<EncryptedText, byte[]>(
    value => value.Ciphertext ?? ThrowUnsealed(),
    column => EncryptedText.FromCiphertext(column))
{
    private static byte[] ThrowUnsealed() =>
        throw new InvalidOperationException("A protected value reached the database unencrypted; save through PhonePlatformDbContext.");
}

/// <summary>Change tracking by reference: a protected field changes when a new <see cref="EncryptedText"/> is assigned.</summary>
internal sealed class EncryptedTextComparer() : ValueComparer<EncryptedText>(
    (left, right) => ReferenceEquals(left, right),
    value => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value),
    value => value);
