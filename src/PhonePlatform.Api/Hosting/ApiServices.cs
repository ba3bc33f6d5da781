using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Health;
using PhonePlatform.Api.Idempotency;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.Sip;
using PhonePlatform.Api.UseCases.Contacts;
using PhonePlatform.Billing;
using PhonePlatform.Compliance;
using PhonePlatform.Core.Identity;
using PhonePlatform.Data;
using PhonePlatform.Sms;
using PhonePlatform.Sms.Http;
using PhonePlatform.Webhooks;

namespace PhonePlatform.Api.Hosting;

public static class ApiServices
{
    /// <summary>
    /// Configuration: appsettings.json, appsettings.{Environment}.json, then environment variables with the
    /// <c>PHONEPLATFORM__</c> prefix (e.g. <c>PHONEPLATFORM__ConnectionStrings__Postgres</c>, <c>PHONEPLATFORM__Auth__MaxFailedLogins</c>).
    /// </summary>
    public static WebApplicationBuilder AddPhonePlatformApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddEnvironmentVariables("PHONEPLATFORM__");
        var services = builder.Services;
        var configuration = builder.Configuration;
        var roles = PlatformRoles.FromConfiguration(configuration);
        services.AddSingleton(roles);

        services.Configure<ApiOptions>(configuration.GetSection("Api"));
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        services.Configure<StorageOptions>(configuration.GetSection("Storage"));
        services.AddPhonePlatformWebApp(configuration);
        services.Configure<PasswordHashingOptions>(configuration.GetSection("PasswordHashing"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PasswordHasher(sp.GetRequiredService<IOptions<PasswordHashingOptions>>().Value));
        services.AddSingleton<TotpAuthenticator>();

        services.AddHttpContextAccessor();
        services.AddScoped<ITenantContext, RequestTenantContext>();
        services.AddPhonePlatformData(sp => sp.GetRequiredService<IConfiguration>().GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Postgres (env PHONEPLATFORM__ConnectionStrings__Postgres)."));
        services.AddPhonePlatformKeyProvider(configuration);
        services.AddPhonePlatformBlobStore(configuration);
        services.AddPhonePlatformOperations(configuration);
        services.AddContactUseCases();
        services.AddPhonePlatformCalls();
        services.AddPhonePlatformCompliance(configuration);
        services.AddPhonePlatformMessaging(configuration, roles);
        services.AddPhonePlatformWebhooks(configuration, runJobs: roles.Has(PlatformRole.Jobs));
        services.AddHttpSmsCarriers(configuration);
        services.AddPhonePlatformBilling(configuration);
        AddUseCases(services);

        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddPhonePlatformRateLimits();

        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (problem.Detail is null && StatusProblems.Describe(problem.Status) is { } described)
            {
                (problem.Type, problem.Detail) = (Failure.TypePrefix + described.Type, described.Detail);
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed bodies surface as BadHttpRequestException, which the handler turns into a clear 4xx problem.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            var json = o.SerializerOptions;
            json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.RespectNullableAnnotations = true;
            json.RespectRequiredConstructorParameters = true;
            json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });

        services.AddOpenApi(OpenApiSecurity.AddBearerScheme);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        services.AddHostedService<IdempotencyCleanup>();
        services.Configure<SipEdgeOptions>(configuration.GetSection("Sip"));
        services.AddSingleton<BrowserSipEdge>();
        services.AddHostedService(sp => sp.GetRequiredService<BrowserSipEdge>());
        services.AddSipLocations(configuration, roles);
        services.AddPhonePlatformGateway(configuration, roles);
        services.AddPhonePlatformCluster(configuration, roles);
        services.AddHostedService<PhonePlatform.Api.Jobs.KeyRotationJob>();

        builder.AddPhonePlatformTls();
        builder.AddPhonePlatformObservability();
        return builder;
    }

    // One class per use case, each resolved per request.
    private static void AddUseCases(IServiceCollection services)
    {
        foreach (var type in typeof(ApiServices).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.Namespace == "PhonePlatform.Api.UseCases"))
        {
            services.AddScoped(type);
        }
    }
}
