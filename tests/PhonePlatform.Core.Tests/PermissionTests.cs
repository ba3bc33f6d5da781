using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Core.Permissions;

namespace PhonePlatform.Core.Tests;

public sealed class PermissionTests
{
    public static TheoryData<Role, bool, string[]> Matrix => new()
    {
        { Role.Viewer, false, ["workspace:read", "members:read", "numbers:read", "contacts:read"] },
        { Role.Viewer, true, ["workspace:read", "members:read", "numbers:read", "billing:read", "billing:manage", "contacts:read"] },
        { Role.Member, false, ["workspace:read", "members:read", "numbers:read", "numbers:use", "contacts:read", "contacts:write"] },
        {
            Role.Admin, false,
            [
                "workspace:read", "members:read", "members:manage", "numbers:read", "numbers:manage", "numbers:use",
                "number-access:manage", "api-keys:manage", "audit:read", "data:export", "security:manage", "contacts:read", "contacts:write",
                "webhooks:manage", "trunks:manage",
            ]
        },
        {
            Role.Owner, false,
            [
                "workspace:read", "members:read", "members:manage", "numbers:read", "numbers:manage", "numbers:use",
                "number-access:manage", "api-keys:manage", "audit:read", "billing:read", "billing:manage", "data:export", "security:manage",
                "contacts:read", "contacts:write", "webhooks:manage", "trunks:manage",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void For_Role_GrantsExactlyTheMatrix(Role role, bool billing, string[] expected)
    {
        Assert.Equal(expected.Order(), PermissionNames.ToNames(RolePermissions.For(role, billing)).Order());
    }

    [Fact]
    public void Viewer_HoldsNoWritePermission()
    {
        var viewer = RolePermissions.For(Role.Viewer, billing: false);
        foreach (var permission in PermissionNames.Each.Where(p => PermissionNames.NameOf(p).EndsWith(":read", StringComparison.Ordinal) is false))
        {
            Assert.False(viewer.HasFlag(permission), PermissionNames.NameOf(permission));
        }
    }

    [Fact]
    public void Owner_HoldsEveryPermission()
    {
        foreach (var permission in PermissionNames.Each)
        {
            Assert.True(RolePermissions.Owner.HasFlag(permission));
        }
    }

    [Fact]
    public void TryParse_UnknownName_ReportsIt()
    {
        Assert.False(PermissionNames.TryParse(["numbers:read", "root"], out var set, out var unknown));
        Assert.Equal("root", unknown);
        Assert.Equal(Permission.None, set);
    }

    [Fact]
    public void TryParse_KnownNames_RoundTrips()
    {
        Assert.True(PermissionNames.TryParse(["numbers:read", "audit:read"], out var set, out _));
        Assert.Equal(Permission.NumbersRead | Permission.AuditRead, set);
        Assert.Equal(["numbers:read", "audit:read"], PermissionNames.ToNames(set));
    }

    [Theory]
    [InlineData(Role.Admin, null, Role.Owner, 1, false)]
    [InlineData(Role.Admin, Role.Owner, Role.Member, 2, false)]
    [InlineData(Role.Owner, Role.Owner, Role.Admin, 1, false)]
    [InlineData(Role.Owner, Role.Owner, Role.Admin, 2, true)]
    [InlineData(Role.Owner, Role.Member, Role.Owner, 1, true)]
    [InlineData(Role.Admin, Role.Member, Role.Admin, 1, true)]
    [InlineData(Role.Admin, null, Role.Viewer, 1, true)]
    [InlineData(Role.Member, Role.Viewer, Role.Member, 1, false)]
    [InlineData(Role.Viewer, null, Role.Viewer, 1, false)]
    public void RoleChange_FollowsOwnershipRules(Role actor, Role? current, Role requested, int owners, bool allowed)
    {
        Assert.Equal(allowed, RoleChangePolicy.Refusal(actor, current, requested, owners) is null);
    }

    [Theory]
    [InlineData(Role.Admin, Role.Owner, 2, false)]
    [InlineData(Role.Owner, Role.Owner, 1, false)]
    [InlineData(Role.Owner, Role.Owner, 2, true)]
    [InlineData(Role.Admin, Role.Member, 1, true)]
    [InlineData(Role.Member, Role.Viewer, 1, false)]
    public void Removal_FollowsOwnershipRules(Role actor, Role target, int owners, bool allowed)
    {
        Assert.Equal(allowed, RoleChangePolicy.RemovalRefusal(actor, target, owners) is null);
    }

    [Fact]
    public void NumberAccess_ViewerMayKnowButNeverDo()
    {
        Assert.NotNull(NumberAccessPolicy.GrantRefusal(Role.Viewer, NumberAccessLevel.Use));
        Assert.Null(NumberAccessPolicy.GrantRefusal(Role.Viewer, NumberAccessLevel.View));
        Assert.Null(NumberAccessPolicy.GrantRefusal(Role.Member, NumberAccessLevel.Use));
    }

    [Fact]
    public void NumberAccess_MemberNeedsGrant_AdminDoesNot()
    {
        var member = RolePermissions.For(Role.Member, false);
        var admin = RolePermissions.For(Role.Admin, false);
        Assert.False(NumberAccessPolicy.MaySee(member, null));
        Assert.True(NumberAccessPolicy.MaySee(member, NumberAccessLevel.View));
        Assert.False(NumberAccessPolicy.MayUse(member, NumberAccessLevel.View));
        Assert.True(NumberAccessPolicy.MayUse(member, NumberAccessLevel.Use));
        Assert.True(NumberAccessPolicy.MayUse(admin, null));
        Assert.False(NumberAccessPolicy.MayUse(RolePermissions.For(Role.Viewer, false), NumberAccessLevel.Use));
    }
}
