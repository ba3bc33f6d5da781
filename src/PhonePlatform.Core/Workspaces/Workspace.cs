namespace PhonePlatform.Core.Workspaces;

/// <summary>The tenant: every scoped record carries its id.</summary>
public sealed class Workspace
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When set, Owners and Admins must enrol TOTP before they may do anything else.</summary>
    public bool RequireTwoFactorForAdmins { get; set; }

    /// <summary>The billing plan name; changing it is a billing change (step-up, audited).</summary>
    public string BillingPlan { get; set; } = "trial";

    /// <summary>Sequence and hash of the newest audit entry, so truncating the chain's tail is detected.</summary>
    public long AuditHeadSequence { get; set; }
    public string AuditHeadHash { get; set; } = AuditGenesis.Hash;
}

/// <summary>The previous-hash value of a workspace's first audit entry.</summary>
public static class AuditGenesis
{
    public const string Hash = "0000000000000000000000000000000000000000000000000000000000000000";
}
