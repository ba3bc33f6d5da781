using PhonePlatform.Api.Auth;
using PhonePlatform.Data;

namespace PhonePlatform.Api.UseCases;

internal static class CallerAudit
{
    public static AuditEvent Event(this Caller caller, string action, string? targetType = null, object? targetId = null, string? details = null) =>
        new(action, caller.UserId, caller.ApiKeyId, caller.Ip, targetType, targetId?.ToString(), details);
}
