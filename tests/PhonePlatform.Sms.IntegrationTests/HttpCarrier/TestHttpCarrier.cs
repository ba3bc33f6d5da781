using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PhonePlatform.Sms.IntegrationTests.HttpCarrier;

/// <summary>A request the test carrier received: its headers of interest and body.</summary>
internal sealed record CarrierRequest(string? Authorization, string? Timestamp, string? Signature, string Body);

/// <summary>
/// A REST SMS carrier on a real Kestrel socket on loopback: POST /messages records the request and answers with
/// <see cref="Answer"/> (by default 201 <c>{"messages":[{"id":"carrier-N"}]}</c>).
/// </summary>
internal sealed class TestHttpCarrier : IAsyncDisposable
{
    private readonly WebApplication app;
    private int count;

    private TestHttpCarrier(WebApplication app) => this.app = app;

    public ConcurrentQueue<CarrierRequest> Received { get; } = new();

    public Func<CarrierRequest, HttpContext, Task<(int Status, string Body)>> Answer { get; set; } = (_, _) => Task.FromResult((201, "{}"));

    public Uri SendUrl { get; private set; } = null!;

    public static async Task<TestHttpCarrier> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var carrier = new TestHttpCarrier(app);
        carrier.Answer = (_, _) => Task.FromResult((201, $$"""{"messages":[{"id":"carrier-{{Interlocked.Increment(ref carrier.count)}}"}]}"""));
        app.MapPost("/messages", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var headers = context.Request.Headers;
            var request = new CarrierRequest(headers.Authorization.ToString(), headers["X-Timestamp"].ToString(), headers["X-Signature"].ToString(), await reader.ReadToEndAsync());
            carrier.Received.Enqueue(request);
            var (status, body) = await carrier.Answer(request, context);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        carrier.SendUrl = new Uri(address + "/messages");
        return carrier;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
