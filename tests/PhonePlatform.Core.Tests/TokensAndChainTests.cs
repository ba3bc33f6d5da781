using PhonePlatform.Core.ApiKeys;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Core.Tests;

public sealed class TokensAndChainTests
{
    [Fact]
    public void ApiKeyToken_Created_RoundTripsPrefixAndHash()
    {
        // Many draws: prefixes and secrets regularly contain '_' and '-', which must not confuse parsing.
        for (var i = 0; i < 500; i++)
        {
            var (token, prefix, hash) = ApiKeyToken.Create();
            Assert.True(ApiKeyToken.TryReadPrefix(token, out var read), token);
            Assert.Equal(prefix, read);
            Assert.True(ApiKeyToken.Matches(token, hash));
            Assert.False(ApiKeyToken.Matches(token + "x", hash));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pp_live_")]
    [InlineData("pp_live_short_x")]
    [InlineData("pp_live_AAAAAAAAAAAA")]
    [InlineData("pp_live_AAAAAAAAAAAA_")]
    [InlineData("pp_sess_AAAAAAAAAAAA_secret")]
    [InlineData("Bearer pp_live_AAAAAAAAAAAA_secret")]
    public void ApiKeyToken_Malformed_IsRefusedWithoutThrowing(string? token)
    {
        Assert.False(ApiKeyToken.TryReadPrefix(token, out _));
    }

    [Fact]
    public void ApiKeyToken_Oversized_IsRefused()
    {
        Assert.False(ApiKeyToken.TryReadPrefix("pp_live_AAAAAAAAAAAA_" + new string('a', 5000), out _));
    }

    [Theory]
    [InlineData("+14155550100")]
    [InlineData("+442079460000")]
    [InlineData("+4930901820")]
    [InlineData("+61293744000")]
    public void E164_ValidNumber_IsAccepted(string number)
    {
        Assert.True(E164.TryNormalize(number, out var normalized));
        Assert.Equal(number, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("14155550100")]
    [InlineData("+1 415 555 0100")]
    [InlineData("+1-415-555-0100")]
    [InlineData("+1415555010")]
    [InlineData("+999123456789")]
    [InlineData("+14155550100123456")]
    [InlineData("+1415555O100")]
    [InlineData("+１４１５５５５０１００")]
    [InlineData("+14155550100\0")]
    [InlineData("tel:+14155550100")]
    public void E164_Invalid_IsRefusedWithoutThrowing(string? number)
    {
        Assert.False(E164.TryNormalize(number, out _));
    }

    private static AuditEntry Entry(long sequence, string previous) => new()
    {
        WorkspaceId = Guid.Parse("0b5c2f0e-1d2a-4c55-9a51-2f8e0f9a7c11"),
        Sequence = sequence,
        OccurredAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero).AddTicks(1234567),
        Action = AuditAction.RoleChanged,
        ActorUserId = Guid.Parse("5e0c6d1a-0f3b-4a9e-8d7c-6b5a4f3e2d1c"),
        ActorIp = "203.0.113.7",
        TargetType = "membership",
        TargetId = "m1",
        Details = "role=Member->Admin",
        PreviousHash = previous,
        Hash = "",
    };

    [Fact]
    public void Hash_IsDeterministicAndCoversEveryField()
    {
        var entry = Entry(1, AuditGenesis.Hash);
        var hash = AuditChain.ComputeHash(entry);
        Assert.Equal(hash, AuditChain.ComputeHash(Entry(1, AuditGenesis.Hash)));
        Assert.Matches("^[0-9a-f]{64}$", hash);

        var variants = new Action<AuditEntry>[]
        {
            e => e.WorkspaceId = Guid.NewGuid(),
            e => e.Sequence = 2,
            e => e.OccurredAt = e.OccurredAt.AddSeconds(1),
            e => e.Action = AuditAction.MemberRemoved,
            e => e.ActorUserId = null,
            e => e.ActorApiKeyId = Guid.NewGuid(),
            e => e.ActorIp = "203.0.113.8",
            e => e.TargetType = "user",
            e => e.TargetId = "m2",
            e => e.Details = "role=Member->Owner",
            e => e.PreviousHash = new string('1', 64),
        };
        foreach (var change in variants)
        {
            var changed = Entry(1, AuditGenesis.Hash);
            change(changed);
            Assert.NotEqual(hash, AuditChain.ComputeHash(changed));
        }
    }

    [Fact]
    public void Hash_NullAndEmptyFields_Differ()
    {
        var withNull = Entry(1, AuditGenesis.Hash);
        withNull.Details = null;
        var withEmpty = Entry(1, AuditGenesis.Hash);
        withEmpty.Details = "";
        Assert.NotEqual(AuditChain.ComputeHash(withNull), AuditChain.ComputeHash(withEmpty));
    }

    [Fact]
    public void Hash_FieldBoundariesCannotShift()
    {
        var a = Entry(1, AuditGenesis.Hash);
        (a.TargetType, a.TargetId) = ("ab", "c");
        var b = Entry(1, AuditGenesis.Hash);
        (b.TargetType, b.TargetId) = ("a", "bc");
        Assert.NotEqual(AuditChain.ComputeHash(a), AuditChain.ComputeHash(b));
    }

    [Fact]
    public void Hash_UsesMicrosecondPrecisionAsStored()
    {
        var entry = Entry(1, AuditGenesis.Hash);
        var stored = Entry(1, AuditGenesis.Hash);
        stored.OccurredAt = AuditChain.Normalize(stored.OccurredAt);
        Assert.Equal(AuditChain.ComputeHash(entry), AuditChain.ComputeHash(stored));
    }

    [Fact]
    public void CheckLink_DetectsGapsWrongPredecessorAndEditedContent()
    {
        var first = Entry(1, AuditGenesis.Hash);
        first.Hash = AuditChain.ComputeHash(first);
        var second = Entry(2, first.Hash);
        second.Hash = AuditChain.ComputeHash(second);

        Assert.Null(AuditChain.CheckLink(first, 1, AuditGenesis.Hash));
        Assert.Null(AuditChain.CheckLink(second, 2, first.Hash));
        Assert.Contains("sequence", AuditChain.CheckLink(second, 1, AuditGenesis.Hash), StringComparison.Ordinal);
        Assert.Contains("previous", AuditChain.CheckLink(second, 2, new string('f', 64)), StringComparison.Ordinal);
        second.Details = "edited";
        Assert.Contains("content", AuditChain.CheckLink(second, 2, first.Hash), StringComparison.Ordinal);
    }

    [Fact]
    public void Cursor_RoundTripsAndRefusesGarbage()
    {
        var id = Guid.CreateVersion7();
        Assert.True(Cursor.TryDecode(Cursor.Encode(id), out Guid decoded));
        Assert.Equal(id, decoded);
        Assert.True(Cursor.TryDecode(Cursor.Encode(42L), out long sequence));
        Assert.Equal(42, sequence);
        Assert.False(Cursor.TryDecode("not-a-cursor!", out Guid _));
        Assert.False(Cursor.TryDecode(Cursor.Encode(42L), out Guid _));
        Assert.False(Cursor.TryDecode(new string('A', 500), out long _));
        Assert.Equal(Cursor.MaxLimit, Cursor.Limit(100_000));
        Assert.Equal(1, Cursor.Limit(-5));
    }
}
