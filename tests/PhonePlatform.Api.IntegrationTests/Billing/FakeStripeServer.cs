using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PhonePlatform.Api.IntegrationTests.Billing;

/// <summary>
/// A local stand-in for the few Stripe API endpoints billing calls (Stripe is not reachable here): Kestrel on a
/// loopback port, checking the secret key, recording each form-encoded request, and answering with JSON in the
/// shape of Stripe's API reference (customer, checkout.session, billing_portal.session, subscription_item).
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    public const string SecretKey = "sk_test_phoneplatform_fake";
    private readonly WebApplication app;

    private FakeStripeServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<StripeRequest> Requests { get; } = new();

    public static async Task<FakeStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeStripeServer(builder.Build());
        server.Map();
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public IReadOnlyList<StripeRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void Map()
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {SecretKey}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"error":{"type":"invalid_request_error","message":"Invalid API Key provided."}}""");
                return;
            }

            var form = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
                : [];
            Requests.Enqueue(new StripeRequest(context.Request.Method, context.Request.Path.Value!, form, context.Request.Headers["Idempotency-Key"].ToString()));
            context.Response.ContentType = "application/json";
            await next(context);
        });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        app.MapPost("/v1/customers", (HttpContext c) => Json($$$"""
            {"id":"cus_{{{Suffix()}}}","object":"customer","created":{{{now}}},"livemode":false,"name":"{{{Form(c, "name")}}}",
             "metadata":{"workspace_id":"{{{Form(c, "metadata[workspace_id]")}}}"}}
            """));
        app.MapPost("/v1/checkout/sessions", (HttpContext c) => Json($$$"""
            {"id":"cs_test_{{{Suffix()}}}","object":"checkout.session","mode":"subscription","status":"open","livemode":false,
             "customer":"{{{Form(c, "customer")}}}","client_reference_id":"{{{Form(c, "client_reference_id")}}}","created":{{{now}}},
             "url":"https://checkout.stripe.com/c/pay/cs_test_{{{Suffix()}}}"}
            """));
        app.MapPost("/v1/billing_portal/sessions", (HttpContext c) => Json($$$"""
            {"id":"bps_{{{Suffix()}}}","object":"billing_portal.session","customer":"{{{Form(c, "customer")}}}","livemode":false,
             "created":{{{now}}},"return_url":"{{{Form(c, "return_url")}}}","url":"https://billing.stripe.com/p/session/test_{{{Suffix()}}}"}
            """));
        app.MapPost("/v1/subscription_items/{id}", (string id, HttpContext c) => Json($$$"""
            {"id":"{{{id}}}","object":"subscription_item","quantity":{{{Form(c, "quantity")}}},"subscription":"sub_fake","created":{{{now}}},
             "price":{"id":"price_business","object":"price","unit_amount":1500,"currency":"usd"}}
            """));
    }

    private static IResult Json(string body) => Results.Text(body, "application/json");

    private string Form(HttpContext context, string key) =>
        Requests.Last(r => r.Path == context.Request.Path.Value).Form.GetValueOrDefault(key, string.Empty);

    private static string Suffix() => Guid.NewGuid().ToString("N")[..14];
}

/// <summary>One request Stripe would have received.</summary>
public sealed record StripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string IdempotencyKey);
