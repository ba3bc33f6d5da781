using System.Text;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Core.Identity;

namespace PhonePlatform.Core.Tests;

public sealed class IdentityTests
{
    private static readonly PasswordHasher CheapHasher = new(new PasswordHashingOptions { MemoryKiB = 1024, Iterations = 1 });

    [Fact]
    public async Task Hash_ThenVerify_AcceptsOnlyTheSamePassword()
    {
        var hash = await CheapHasher.HashAsync("Correct-Horse-7-Battery");
        Assert.StartsWith("$argon2id$v=19$m=1024,t=1,p=1$", hash, StringComparison.Ordinal);
        Assert.True(await PasswordHasher.VerifyAsync("Correct-Horse-7-Battery", hash));
        Assert.False(await PasswordHasher.VerifyAsync("Correct-Horse-7-Batterz", hash));
    }

    [Fact]
    public async Task Hash_SamePasswordTwice_UsesFreshSalt()
    {
        Assert.NotEqual(await CheapHasher.HashAsync("Correct-Horse-7-Battery"), await CheapHasher.HashAsync("Correct-Horse-7-Battery"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("$argon2i$v=19$m=1024,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$argon2id$v=19$m=999999999,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$argon2id$v=19$m=1024,t=1,p=1$not base64$AAAA")]
    [InlineData("$argon2id$v=19$m=-1,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$argon2id$v=19$m=1024,t=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task Verify_MalformedStoredHash_IsFalseAndNeverThrows(string stored)
    {
        Assert.False(await PasswordHasher.VerifyAsync("anything", stored));
        Assert.True(CheapHasher.NeedsRehash(stored));
    }

    [Fact]
    public async Task NeedsRehash_WeakerParameters_IsTrue()
    {
        var weak = await CheapHasher.HashAsync("Correct-Horse-7-Battery");
        Assert.True(new PasswordHasher(new PasswordHashingOptions()).NeedsRehash(weak));
        Assert.False(CheapHasher.NeedsRehash(weak));
    }

    [Fact]
    public void DefaultCost_IsMemoryHard()
    {
        var defaults = new PasswordHashingOptions();
        Assert.True(defaults.MemoryKiB >= 64 * 1024);
        Assert.True(defaults.Iterations >= 3);
    }

    [Theory]
    [InlineData("short1A!", false)]
    [InlineData("alllowercaseletters", false)]
    [InlineData("password1234", false)]
    [InlineData("P@ssw0rd1234", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaa", false)]
    [InlineData("Correct-Horse-7-Battery", true)]
    [InlineData("correct horse battery staple", true)]
    [InlineData("jane.doe-Secret-99", false)]
    public void PasswordPolicy_AppliesLengthComplexityAndBreachRules(string password, bool acceptable)
    {
        Assert.Equal(acceptable, PasswordPolicy.Check(password, "jane.doe@example.com").Count == 0);
    }

    [Fact]
    public void PasswordPolicy_TooLong_IsRefused()
    {
        Assert.NotEmpty(PasswordPolicy.Check(new string('x', 60) + "Aa1!" + new string('y', 70), null));
    }

    // RFC 6238 Appendix B, SHA-1 seed "12345678901234567890"; 6-digit codes are the last six of the 8-digit vectors.
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Totp_Rfc6238Vectors_Verify(long unixSeconds, string code)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.NotNull(new TotpAuthenticator(clock).Verify(secret, code, lastUsedStep: 0));
    }

    [Fact]
    public void Totp_OneStepDrift_Accepted_TwoStepsRejected()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var totp = new TotpAuthenticator(clock);
        var secret = TotpAuthenticator.NewSecret();
        var code = totp.Now(secret);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.NotNull(totp.Verify(secret, code, 0));
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(totp.Verify(secret, code, 0));
    }

    [Fact]
    public void Totp_CodeOfAlreadyUsedStep_IsRejected()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var totp = new TotpAuthenticator(clock);
        var secret = TotpAuthenticator.NewSecret();
        var step = totp.Verify(secret, totp.Now(secret), 0);
        Assert.NotNull(step);
        Assert.Null(totp.Verify(secret, totp.Now(secret), step.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("١٢٣٤٥٦")]
    public void Totp_MalformedCode_IsRejected(string? code)
    {
        var totp = new TotpAuthenticator(new FakeTimeProvider());
        Assert.Null(totp.Verify(TotpAuthenticator.NewSecret(), code, 0));
    }

    [Fact]
    public void ProvisioningUri_NamesIssuerAndAccount()
    {
        var uri = TotpAuthenticator.ProvisioningUri(TotpAuthenticator.NewSecret(), "a@example.com", "PhonePlatform");
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        Assert.Contains("issuer=PhonePlatform", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void RecoveryCodes_AreTenDistinctFormattedCodes()
    {
        var codes = RecoveryCodes.Generate();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$", c));
    }

    [Fact]
    public void RecoveryCodes_HashIgnoresCaseAndDashes()
    {
        var code = RecoveryCodes.Generate()[0];
        Assert.Equal(RecoveryCodes.Hash(code), RecoveryCodes.Hash(code.ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.NotEqual(RecoveryCodes.Hash(code), RecoveryCodes.Hash(RecoveryCodes.Generate()[0]));
    }

    [Theory]
    [InlineData(" Jane.Doe@Example.COM ", "jane.doe@example.com")]
    [InlineData("a+tag@example.co.uk", "a+tag@example.co.uk")]
    public void Email_Valid_IsNormalized(string input, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("a@b@example.com")]
    [InlineData("Jane <jane@example.com>")]
    [InlineData("a@localhost")]
    [InlineData("a b@example.com")]
    [InlineData("a@example.com\r\nBcc: x@example.com")]
    public void Email_Invalid_IsRefused(string? input)
    {
        Assert.False(EmailAddress.TryNormalize(input, out _));
    }

    [Fact]
    public void SessionToken_IsRandomAndStoredAsHash()
    {
        var (token, hash) = OpaqueToken.Session.Create();
        Assert.StartsWith(OpaqueToken.Session.Scheme, token, StringComparison.Ordinal);
        Assert.Equal(64, hash.Length);
        Assert.Equal(hash, OpaqueToken.Hash(token));
        Assert.NotEqual(token, OpaqueToken.Session.Create().Token);
    }
}
