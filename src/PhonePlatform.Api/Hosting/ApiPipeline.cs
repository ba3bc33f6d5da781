using PhonePlatform.Api.Endpoints;
using PhonePlatform.Api.Health;
using PhonePlatform.Api.Jobs;
using PhonePlatform.Api.Idempotency;
using PhonePlatform.Api.Problems;
using Scalar.AspNetCore;

namespace PhonePlatform.Api.Hosting;

public static class ApiPipeline
{
    public static WebApplication UsePhonePlatformApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UsePhonePlatformObservability();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UsePhonePlatformWebApp();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<PhonePlatform.Api.Auth.ReadOnlyWorkspaceMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapSipWebSocket();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs").AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapStatusEndpoints();

        var v1 = app.MapGroup("/v1").RequireAuthorization();
        v1.MapAuthEndpoints()
            .MapMeEndpoints()
            .MapWorkspaceEndpoints()
            .MapMemberEndpoints()
            .MapNumberEndpoints()
            .MapContactEndpoints()
            .MapCallEndpoints()
            .MapVoicemailEndpoints()
            .MapNumberCallSettingsEndpoints()
            .MapKeyRotationEndpoints()
            .MapApiKeyEndpoints()
            .MapAuditLogEndpoints()
            .MapSipCredentialEndpoints()
            .MapComplianceEndpoints()
            .MapExportEndpoints()
            .MapMessageEndpoints()
            .MapConversationEndpoints()
            .MapEventStreamEndpoints()
            .MapWebhookEndpoints()
            .MapTrunkEndpoints()
            .MapCarrierWebhookEndpoints()
            .MapBillingEndpoints();
        return app;
    }
}
