using Npgsql;
using PhonePlatform.Core.Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PhonePlatform.Api.Hosting;

/// <summary>
/// Structured JSON logs (Serilog) and OpenTelemetry traces and metrics for ASP.NET Core, HttpClient and Npgsql.
/// Logs carry method, path, status and timing; never headers, bodies or SQL parameters.
/// </summary>
public static class Observability
{
    public static WebApplicationBuilder AddPhonePlatformObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            // EF logs the expected "no history table yet" failure of a first migration as an error; failed commands
            // still surface as exceptions, which the problem handler logs with their trace id.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
            .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
            .ReadFrom.Services(services) // sinks and enrichers registered in DI (other parts, tests)
            .Enrich.FromLogContext()
            .WriteTo.Console(new CompactJsonFormatter()));

        var telemetry = builder.Configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) ? null : new Uri(telemetry.OtlpEndpoint);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(telemetry.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter("Npgsql").AddMeter(PlatformMetrics.MeterName);
                if (telemetry.PrometheusScrapeEndpoint)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        return builder;
    }

    public static WebApplication UsePhonePlatformObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSerilogRequestLogging(options =>
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms");
        if (app.Configuration.GetSection("Telemetry").Get<TelemetryOptions>()?.PrometheusScrapeEndpoint ?? true)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }
}
