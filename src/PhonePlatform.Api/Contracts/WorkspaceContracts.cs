using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;

namespace PhonePlatform.Api.Contracts;

/// <summary>A page of items and the cursor for the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record WorkspaceResponse(Guid Id, string Name, DateTimeOffset CreatedAt, bool RequireTwoFactorForAdmins, string? BillingPlan);

public sealed record BillingRequest(string Plan);

public sealed record SecurityPolicyRequest(bool RequireTwoFactorForAdmins);

public sealed record MemberResponse(Guid Id, Guid UserId, string Email, Role Role, bool Billing, DateTimeOffset CreatedAt);

/// <summary>Adds an existing user by e-mail, or creates the user with <see cref="InitialPassword"/>.</summary>
public sealed record AddMemberRequest(string Email, Role Role, bool Billing = false, string? InitialPassword = null);

public sealed record ChangeMemberRequest(Role? Role = null, bool? Billing = null);

public sealed record NumberResponse(Guid Id, string E164, string Label, DateTimeOffset CreatedAt);

public sealed record AddNumberRequest(string E164, string? Label = null);

public sealed record NumberAccessResponse(Guid MembershipId, NumberAccessLevel Level, DateTimeOffset CreatedAt);

public sealed record GrantNumberAccessRequest(NumberAccessLevel Level);

public sealed record ApiKeyResponse(
    Guid Id, string Name, string Prefix, IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Permissions);

/// <summary>The token is shown once, in this response.</summary>
public sealed record CreatedApiKeyResponse(ApiKeyResponse Key, string Token);

public sealed record AuditEntryResponse(
    Guid Id,
    long Sequence,
    DateTimeOffset OccurredAt,
    string Action,
    Guid? ActorUserId,
    Guid? ActorApiKeyId,
    string? ActorIp,
    string? TargetType,
    string? TargetId,
    string? Details,
    string Hash);

public sealed record AuditVerifyResponse(bool Intact, long EntriesChecked, long? BrokenAtSequence, Guid? BrokenEntryId, string? Reason);

