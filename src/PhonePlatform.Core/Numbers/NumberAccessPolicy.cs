using PhonePlatform.Core.Members;
using PhonePlatform.Core.Permissions;

namespace PhonePlatform.Core.Numbers;

/// <summary>Need-to-know / need-to-do rules for numbers.</summary>
public static class NumberAccessPolicy
{
    /// <summary>Principals that manage numbers see and use all of them; everyone else only what was granted.</summary>
    public static bool SeesAllNumbers(Permission permissions) => permissions.HasFlag(Permission.NumbersManage);

    /// <summary>A viewer is read-only, so a viewer can be granted need-to-know but never need-to-do.</summary>
    public static string? GrantRefusal(Role grantee, NumberAccessLevel level) =>
        grantee == Role.Viewer && level == NumberAccessLevel.Use
            ? "A viewer is read-only and cannot be given use of a number."
            : null;

    /// <summary>Whether a principal may place calls or send messages from a number.</summary>
    public static bool MayUse(Permission permissions, NumberAccessLevel? grant) =>
        permissions.HasFlag(Permission.NumbersUse)
        && (SeesAllNumbers(permissions) || grant == NumberAccessLevel.Use);

    /// <summary>Whether a principal may see a number.</summary>
    public static bool MaySee(Permission permissions, NumberAccessLevel? grant) =>
        permissions.HasFlag(Permission.NumbersRead) && (SeesAllNumbers(permissions) || grant is not null);
}
