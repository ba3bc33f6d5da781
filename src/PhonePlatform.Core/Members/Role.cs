namespace PhonePlatform.Core.Members;

/// <summary>A member's role in a workspace. Billing is a separate capability (<see cref="Membership.Billing"/>).</summary>
public enum Role
{
    Viewer = 0,
    Member = 1,
    Admin = 2,
    Owner = 3,
}
