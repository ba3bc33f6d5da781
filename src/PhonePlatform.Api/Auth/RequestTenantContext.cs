using PhonePlatform.Data;

namespace PhonePlatform.Api.Auth;

/// <summary>The tenant of a request is the workspace of its authenticated caller, and nothing else.</summary>
public sealed class RequestTenantContext(IHttpContextAccessor accessor) : ITenantContext
{
    public Guid? WorkspaceId => accessor.HttpContext is { } context ? Caller.From(context)?.WorkspaceId : null;
}
