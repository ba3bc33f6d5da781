using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PhonePlatform.Api.Hosting;

/// <summary>Declares the bearer scheme (session token or <c>pp_live_</c> API key) in the OpenAPI document.</summary>
internal static class OpenApiSecurity
{
    public const string Scheme = "bearer";

    public static void AddBearerScheme(OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A session token from POST /v1/sessions (pp_sess_…) or an API key (pp_live_…).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];
        return Task.CompletedTask;
    });
}
