using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace PhonePlatform.Api.Hosting;

/// <summary>Section <c>Web</c>: where the built browser apps (web/dist) are.</summary>
public sealed class WebOptions
{
    /// <summary>The Vite build output, relative to the content root (src/PhonePlatform.Api) or absolute.</summary>
    public string Root { get; set; } = "../../web/dist";
}

/// <summary>
/// Serves the softphone and admin console under <c>/app/</c> with an SPA fallback to index.html, and strict security
/// headers: the bundle is same-origin only (no inline script or style, no CDN), so the CSP allows 'self' and nothing else.
/// </summary>
public static partial class WebApp
{
    public const string BasePath = "/app";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "media-src 'self' blob:; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IServiceCollection AddPhonePlatformWebApp(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<WebOptions>(configuration.GetSection("Web"));

    public static WebApplication UsePhonePlatformWebApp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var root = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, app.Services.GetRequiredService<IOptions<WebOptions>>().Value.Root));
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            LogNotBuilt(app.Logger, root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(BasePath), branch => branch.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "microphone=(self), camera=(), geolocation=(), payment=()";
            return next(context);
        }));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = BasePath,
            // Vite names assets by content hash, so they never change; index.html must always be revalidated.
            OnPrepareResponse = r => r.Context.Response.Headers.CacheControl =
                r.Context.Request.Path.StartsWithSegments(BasePath + "/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        });
        app.MapGet("/", () => TypedResults.Redirect(BasePath + "/")).AllowAnonymous().ExcludeFromDescription();
        app.MapFallbackToFile(BasePath + "/{*path:nonfile}", "index.html", new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = r => r.Context.Response.Headers.CacheControl = "no-cache",
        }).AllowAnonymous();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web apps not served: no index.html in {WebRoot} (run npm ci && npm run build in web/)")]
    private static partial void LogNotBuilt(ILogger logger, string webRoot);
}
