namespace PhonePlatform.Core.Members;

/// <summary>Who may give whom which role. Returns null when allowed, otherwise the reason it is refused.</summary>
public static class RoleChangePolicy
{
    /// <param name="actor">Role of the member making the change.</param>
    /// <param name="current">Current role of the member being changed, or null when adding a new member.</param>
    /// <param name="requested">Role being given.</param>
    /// <param name="ownerCount">Number of owners in the workspace now.</param>
    public static string? Refusal(Role actor, Role? current, Role requested, int ownerCount)
    {
        if (!RoleAllowsManaging(actor))
        {
            return "Only owners and admins manage members.";
        }

        if ((requested == Role.Owner || current == Role.Owner) && actor != Role.Owner)
        {
            return "Only an owner may grant, change or remove the owner role.";
        }

        if (current == Role.Owner && requested != Role.Owner && ownerCount <= 1)
        {
            return "A workspace keeps at least one owner.";
        }

        return null;
    }

    /// <summary>Whether <paramref name="actor"/> may remove a member holding <paramref name="target"/>.</summary>
    public static string? RemovalRefusal(Role actor, Role target, int ownerCount)
    {
        if (!RoleAllowsManaging(actor))
        {
            return "Only owners and admins manage members.";
        }

        if (target == Role.Owner && actor != Role.Owner)
        {
            return "Only an owner may remove an owner.";
        }

        return target == Role.Owner && ownerCount <= 1 ? "A workspace keeps at least one owner." : null;
    }

    private static bool RoleAllowsManaging(Role actor) => actor is Role.Owner or Role.Admin;
}
