using PhonePlatform.Api.Problems;
using PhonePlatform.Compliance;

namespace PhonePlatform.Api.Auth;

/// <summary>
/// Endpoint metadata: the endpoint still accepts writes while the caller's workspace is cancelled (read-only).
/// Only for what a cancelled workspace still needs: signing in and out, step-up and 2FA, exporting, deleting now.
/// </summary>
public sealed class AllowedWhenReadOnly
{
    public static readonly AllowedWhenReadOnly Instance = new();
}

public static class ReadOnlyWorkspaceConventions
{
    public static TBuilder AllowWhenReadOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AllowedWhenReadOnly.Instance);
}

/// <summary>
/// The one place a cancelled workspace is made read-only: after authentication, any request with a caller that is
/// not GET/HEAD/OPTIONS, to an endpoint without <see cref="AllowedWhenReadOnly"/>, is answered 409
/// <c>workspace-read-only</c> before model binding, so the answer does not depend on the body.
/// </summary>
public sealed class ReadOnlyWorkspaceMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, WorkspaceStatus status)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(status);
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            || Caller.From(context) is null
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<AllowedWhenReadOnly>() is not null
            || await status.GetCancellationAsync(context.RequestAborted) is not { } cancellation)
        {
            await next(context);
            return;
        }

        await new Failure(
            StatusCodes.Status409Conflict,
            "workspace-read-only",
            "Workspace is read-only",
            $"This workspace was cancelled and is read-only until it is deleted after {cancellation.PurgeAfter:yyyy-MM-dd}. Reads and exports still work.")
            .ToResult().ExecuteAsync(context);
    }
}
