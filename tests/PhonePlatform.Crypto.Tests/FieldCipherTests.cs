using System.Text;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

public sealed class FieldCipherTests : IDisposable
{
    private static readonly FieldContext Context = new("contact", "3f1c2d", "phone_number");
    private readonly CryptoFixture fixture = new();
    private readonly Guid workspace = Guid.NewGuid();

    public void Dispose() => fixture.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("+4930123456")]
    [InlineData("Grüße, 👋 — a longer note that spans more than one AES block of sixteen bytes.")]
    public async Task EncryptAsync_ThenDecryptAsync_ReturnsPlaintext(string text)
    {
        var ciphertext = await fixture.Fields.EncryptAsync(workspace, Context, text);

        Assert.Equal(Encoding.UTF8.GetByteCount(text) + FieldCipher.Overhead, ciphertext.Length);
        Assert.Equal(text, await fixture.Fields.DecryptStringAsync(workspace, Context, ciphertext));
    }

    [Fact]
    public async Task Encrypt_SamePlaintextTwice_DiffersByNonce()
    {
        await fixture.Keyring.WarmAsync(workspace);

        var first = fixture.Fields.Encrypt(workspace, Context, "same");
        var second = fixture.Fields.Encrypt(workspace, Context, "same");

        Assert.NotEqual(first, second);
        Assert.Equal("same", fixture.Fields.DecryptString(workspace, Context, first));
        Assert.Equal("same", fixture.Fields.DecryptString(workspace, Context, second));
    }

    [Fact]
    public void Encrypt_KeyNotCached_ThrowsKeyNotCached()
    {
        Assert.Throws<KeyNotCachedException>(() => fixture.Fields.Encrypt(workspace, Context, "x"u8));
    }

    [Fact]
    public async Task Encrypt_AfterCacheDurationWithoutAsync_ThrowsKeyNotCached()
    {
        await fixture.Keyring.WarmAsync(workspace);
        fixture.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Throws<KeyNotCachedException>(() => fixture.Fields.Encrypt(workspace, Context, "x"u8));
        Assert.NotEmpty(await fixture.Fields.EncryptAsync(workspace, Context, "x"u8.ToArray()));
    }

    [Theory]
    [InlineData(0)] // format
    [InlineData(4)] // key version
    [InlineData(5)] // nonce
    [InlineData(16)] // nonce
    [InlineData(17)] // ciphertext
    [InlineData(-16)] // tag
    [InlineData(-1)] // tag
    public async Task DecryptAsync_FlippedBit_Throws(int index)
    {
        var ciphertext = await fixture.Fields.EncryptAsync(workspace, Context, "+4930123456");
        ciphertext[index < 0 ? ciphertext.Length + index : index] ^= 0x01;

        var error = await Assert.ThrowsAnyAsync<DecryptionFailedException>(() => fixture.Fields.DecryptAsync(workspace, Context, ciphertext).AsTask());
        Assert.DoesNotContain("4930123456", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecryptAsync_OtherWorkspace_Throws()
    {
        var other = Guid.NewGuid();
        await fixture.Keyring.WarmAsync(other);
        var ciphertext = await fixture.Fields.EncryptAsync(workspace, Context, "secret");

        await Assert.ThrowsAsync<DecryptionFailedException>(() => fixture.Fields.DecryptAsync(other, Context, ciphertext).AsTask());
    }

    public static TheoryData<FieldContext> OtherContexts => new()
    {
        new FieldContext("user", "3f1c2d", "phone_number"),
        new FieldContext("contact", "3f1c2e", "phone_number"),
        new FieldContext("contact", "3f1c2d", "email"),
        new FieldContext("contact3f1c2", "d", "phone_number"),
    };

    [Theory]
    [MemberData(nameof(OtherContexts))]
    public async Task DecryptAsync_MovedToOtherEntityRecordOrField_Throws(FieldContext other)
    {
        var ciphertext = await fixture.Fields.EncryptAsync(workspace, Context, "secret");

        await Assert.ThrowsAsync<DecryptionFailedException>(() => fixture.Fields.DecryptAsync(workspace, other, ciphertext).AsTask());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32)]
    public async Task DecryptAsync_TruncatedRecord_Throws(int length)
    {
        var ciphertext = await fixture.Fields.EncryptAsync(workspace, Context, "+4930123456");

        await Assert.ThrowsAsync<DecryptionFailedException>(() => fixture.Fields.DecryptAsync(workspace, Context, ciphertext.AsMemory(0, length)).AsTask());
    }

    [Fact]
    public async Task DecryptAsync_UnknownKeyVersion_Throws()
    {
        var ciphertext = await fixture.Fields.EncryptAsync(workspace, Context, "secret");
        ciphertext[4] = 9;

        var error = await Assert.ThrowsAsync<DecryptionFailedException>(() => fixture.Fields.DecryptAsync(workspace, Context, ciphertext).AsTask());
        Assert.Contains("v9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncryptAsync_LongContext_RoundTrips()
    {
        var context = new FieldContext(new string('e', 300), new string('r', 300), new string('f', 300));

        var ciphertext = await fixture.Fields.EncryptAsync(workspace, context, "value");

        Assert.Equal("value", await fixture.Fields.DecryptStringAsync(workspace, context, ciphertext));
    }

    [Fact]
    public async Task GetKeyVersion_NewRecord_IsCurrentVersion()
    {
        var ciphertext = await fixture.Fields.EncryptAsync(workspace, Context, "v");

        Assert.Equal(1, FieldCipher.GetKeyVersion(ciphertext));
        Assert.Equal(-1, FieldCipher.GetKeyVersion(ciphertext.AsSpan(0, 10)));
    }

    [Fact]
    public async Task Encrypt_ManyThreadsSharingCachedKey_AllRoundTrip()
    {
        await fixture.Keyring.WarmAsync(workspace);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var context = new FieldContext("call", $"{t}-{i}", "caller");
                var ciphertext = fixture.Fields.Encrypt(workspace, context, $"+49{i}");
                if (fixture.Fields.DecryptString(workspace, context, ciphertext) != $"+49{i}")
                {
                    return false;
                }
            }

            return true;
        })));

        Assert.All(results, Assert.True);
    }
}
