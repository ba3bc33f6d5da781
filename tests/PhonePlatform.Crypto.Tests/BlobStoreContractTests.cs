using System.Security.Cryptography;
using System.Text;
using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

/// <summary>What every <see cref="IBlobStore"/> must do; run against the local folder and against s3rver.</summary>
public abstract class BlobStoreContractTests
{
    protected abstract IBlobStore Store { get; }

    private string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..8] + "/";

    [Fact]
    public async Task PutAsync_ThenOpenReadAsync_ReturnsBytes()
    {
        var content = RandomNumberGenerator.GetBytes(100_000);

        await Store.PutAsync(Prefix + "a/b.bin", new MemoryStream(content));
        await using var read = await Store.OpenReadAsync(Prefix + "a/b.bin");

        Assert.Equal(content, await StreamReading.ReadAllAsync(read));
    }

    [Fact]
    public async Task PutAsync_Empty_StoresEmptyBlob()
    {
        await Store.PutAsync(Prefix + "empty", new MemoryStream());
        await using var read = await Store.OpenReadAsync(Prefix + "empty");

        Assert.Empty(await StreamReading.ReadAllAsync(read));
    }

    [Fact]
    public async Task PutAsync_ExistingKey_Replaces()
    {
        await Store.PutAsync(Prefix + "k", new MemoryStream("old"u8.ToArray()));
        await Store.PutAsync(Prefix + "k", new MemoryStream("new"u8.ToArray()));
        await using var read = await Store.OpenReadAsync(Prefix + "k");

        Assert.Equal("new", Encoding.UTF8.GetString(await StreamReading.ReadAllAsync(read)));
    }

    [Fact]
    public async Task ExistsAsync_AndDeleteAsync_Track()
    {
        Assert.False(await Store.ExistsAsync(Prefix + "x"));
        await Store.PutAsync(Prefix + "x", new MemoryStream([1]));
        Assert.True(await Store.ExistsAsync(Prefix + "x"));

        await Store.DeleteAsync(Prefix + "x");
        await Store.DeleteAsync(Prefix + "x");

        Assert.False(await Store.ExistsAsync(Prefix + "x"));
    }

    [Fact]
    public async Task OpenReadAsync_Missing_ThrowsBlobNotFound()
    {
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(Prefix + "missing/blob"));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsMatchingKeysInOrder()
    {
        foreach (var name in new[] { "rec/b", "rec/a", "rec/sub/c", "recx", "vm/d" })
        {
            await Store.PutAsync(Prefix + name, new MemoryStream([1]));
        }

        var listed = await Store.ListAsync(Prefix + "rec/").ToListAsync();
        var all = await Store.ListAsync(Prefix + "rec").ToListAsync();

        Assert.Equal(new[] { "rec/a", "rec/b", "rec/sub/c" }.Select(n => Prefix + n), listed);
        Assert.Equal(new[] { "rec/a", "rec/b", "rec/sub/c", "recx" }.Select(n => Prefix + n), all);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a\\..\\b")]
    [InlineData(".hidden")]
    [InlineData("a/")]
    [InlineData("")]
    [InlineData("c:/windows")]
    [InlineData("a b")]
    public async Task AnyOperation_HostileKey_Refused(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1])));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ExistsAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key));
    }
}
