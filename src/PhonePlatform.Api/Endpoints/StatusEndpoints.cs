using PhonePlatform.Api.Operations;

namespace PhonePlatform.Api.Endpoints;

public static class StatusEndpoints
{
    /// <summary><c>GET /status</c>: public component health (up/degraded/down), no internals; cached a few seconds.</summary>
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status", async (PlatformStatus status, HttpContext context, CancellationToken cancellationToken) =>
            {
                context.Response.Headers.CacheControl = $"public, max-age={(int)PlatformStatus.CacheFor.TotalSeconds}";
                return TypedResults.Ok(await status.GetAsync(cancellationToken));
            })
            .AllowAnonymous()
            .WithName("GetStatus")
            .WithSummary("Public status of the platform's components.");
        return app;
    }
}
