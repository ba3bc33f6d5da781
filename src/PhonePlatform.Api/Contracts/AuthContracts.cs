namespace PhonePlatform.Api.Contracts;

public sealed record SignUpRequest(string Email, string Password, string WorkspaceName);

public sealed record SignUpResponse(Guid WorkspaceId, Guid UserId, Guid MembershipId);

public sealed record LoginRequest(string Email, string Password, string? TotpCode = null, string? RecoveryCode = null, Guid? WorkspaceId = null);

/// <summary>The session token is shown here only; the server keeps its hash.</summary>
public sealed record LoginResponse(string Token, Guid SessionId, Guid WorkspaceId, DateTimeOffset ExpiresAt);

public sealed record StepUpRequest(string Password, string TotpCode);

public sealed record StepUpResponse(DateTimeOffset StepUpUntil);

public sealed record TwoFactorSetupResponse(string Secret, string OtpauthUri);

public sealed record TwoFactorConfirmRequest(string Code);

/// <summary>Shown once; each code signs in once in place of a TOTP code.</summary>
public sealed record TwoFactorEnabledResponse(IReadOnlyList<string> RecoveryCodes);

public sealed record MeResponse(
    Guid WorkspaceId,
    string WorkspaceName,
    Guid? UserId,
    string? Email,
    Guid? ApiKeyId,
    string? Role,
    bool Billing,
    IReadOnlyList<string> Permissions,
    bool TwoFactorEnabled,
    bool TwoFactorEnrollmentRequired);
