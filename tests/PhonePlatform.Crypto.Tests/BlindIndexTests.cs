using PhonePlatform.Crypto.Tests.Support;

namespace PhonePlatform.Crypto.Tests;

public sealed class BlindIndexTests : IDisposable
{
    private readonly CryptoFixture fixture = new();
    private readonly Guid workspace = Guid.NewGuid();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task ForPhoneNumberAsync_SameNumber_SameIndex()
    {
        var first = await fixture.Index.ForPhoneNumberAsync(workspace, "+4930123456");
        var second = await fixture.Index.ForPhoneNumberAsync(workspace, "+4930123456");
        var other = await fixture.Index.ForPhoneNumberAsync(workspace, "+4930123457");

        Assert.Equal(BlindIndex.Length, first.Length);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task ForPhoneNumberAsync_OtherWorkspace_DifferentIndex()
    {
        var mine = await fixture.Index.ForPhoneNumberAsync(workspace, "+4930123456");
        var theirs = await fixture.Index.ForPhoneNumberAsync(Guid.NewGuid(), "+4930123456");

        Assert.NotEqual(mine, theirs);
    }

    [Fact]
    public async Task ComputeAsync_SameValueInOtherIndex_DifferentIndex()
    {
        var asEmail = await fixture.Index.ComputeAsync(workspace, BlindIndex.EmailIndex, "x");
        var asPhone = await fixture.Index.ComputeAsync(workspace, BlindIndex.PhoneNumberIndex, "x");

        Assert.NotEqual(asEmail, asPhone);
    }

    [Fact]
    public async Task ForEmailAsync_CaseAndSpaces_Normalised()
    {
        var plain = await fixture.Index.ForEmailAsync(workspace, "anna@example.com");
        var messy = await fixture.Index.ForEmailAsync(workspace, "  Anna@Example.COM \t");

        Assert.Equal(plain, messy);
    }

    [Fact]
    public async Task ForPhoneNumberAsync_AfterRotationAndDestroyingOldData_Unchanged()
    {
        var before = await fixture.Index.ForPhoneNumberAsync(workspace, "+4930123456");
        Assert.Equal(1, await fixture.Keyring.GetCurrentVersionAsync(workspace));

        await fixture.Keyring.RotateAsync(workspace);
        await fixture.Keyring.DestroyVersionsAsync(workspace, [1]);
        fixture.Keyring.EvictWorkspace(workspace);

        Assert.Equal(before, await fixture.Index.ForPhoneNumberAsync(workspace, "+4930123456"));
    }

    [Fact]
    public async Task Compute_Warm_MatchesAsync()
    {
        await fixture.Keyring.WarmAsync(workspace);

        var sync = fixture.Index.Compute(workspace, BlindIndex.PhoneNumberIndex, "+15551234567");

        Assert.Equal(await fixture.Index.ForPhoneNumberAsync(workspace, "+15551234567"), sync);
    }

    [Theory]
    [InlineData("4930123456")]
    [InlineData("+04930123456")]
    [InlineData("+49 30 123456")]
    [InlineData("+1234567890123456")]
    [InlineData("+1")]
    [InlineData("")]
    public void PhoneNumber_NotE164_Refused(string input)
    {
        Assert.Throws<ArgumentException>(() => BlindIndexNormalizer.PhoneNumber(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no-at-sign")]
    public void Email_NotAnAddress_Refused(string input)
    {
        Assert.Throws<ArgumentException>(() => BlindIndexNormalizer.Email(input));
    }
}
