using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Endpoints;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Api.UseCases.Contacts;

namespace PhonePlatform.Api.IntegrationTests;

/// <summary>A cancelled workspace is read-only: probed over every write route of the route table.</summary>
public sealed partial class ReadOnlyWorkspaceTests(ReadOnlyWorkspaceTests.Host host) : IClassFixture<ReadOnlyWorkspaceTests.Host>
{
    // Writes a cancelled workspace still needs; anything else added to this list must be a deliberate decision.
    private static readonly string[] StillWritable =
    [
        "DELETE /v1/sessions/current",
        "POST /v1/sessions/current/step-up",
        "POST /v1/me/two-factor",
        "POST /v1/me/two-factor/confirm",
        "POST /v1/workspace/cancellation/",
        "POST /v1/exports/",
        "POST /v1/exports/{id:guid}/link",
        "POST /v1/me/exports/",
        "POST /v1/me/exports/{id:guid}/link",

        // Signed by a carrier or by Stripe, not sent in a workspace session.
        "POST /v1/carriers/{carrierId}/inbound",
        "POST /v1/carriers/{carrierId}/status",
        "POST /v1/billing/stripe/webhook",
    ];

    private readonly ApiFactory factory = host.Factory;

    [Fact]
    public async Task CancelledWorkspace_EveryWriteRouteAnswers409_ReadsAndExportStillWork()
    {
        var api = new ApiDriver(factory);
        var owner = await api.CreateSteppedUpOwnerAsync();
        var before = await owner.Client.PostAsJsonAsync("/v1/contacts", new ContactRequest("Before"), ApiDriver.Json);
        await ApiDriver.Expect(before, HttpStatusCode.Created);
        var cancelled = await owner.Client.PostAsJsonAsync("/v1/workspace/cancellation", new CancellationRequest(false), ApiDriver.Json);
        await ApiDriver.Expect(cancelled, HttpStatusCode.OK);

        var writes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Where(m => m is not ("GET" or "HEAD" or "OPTIONS"))
                .Select(m => (Method: m, Route: e.RoutePattern.RawText!, Endpoint: e)))
            .ToList();
        Assert.True(writes.Count >= 20, $"only {writes.Count} write routes found");

        var exempt = new List<string>();
        foreach (var (method, route, endpoint) in writes)
        {
            var name = $"{method} {route}";
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<AllowedWhenReadOnly>() is not null)
            {
                exempt.Add(name);
                continue;
            }

            var path = RouteParameter().Replace(route, _ => Guid.NewGuid().ToString());
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            var response = await owner.Client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{name} -> {(int)response.StatusCode}");
            Assert.Equal("urn:phoneplatform:problem:workspace-read-only", await ApiDriver.ProblemTypeAsync(response));
        }

        Assert.Equal(StillWritable.Order(), exempt.Where(e => !e.Contains("/signup", StringComparison.Ordinal) && e != "POST /v1/sessions/").Order());

        // Reads and the export still work.
        await ApiDriver.Expect(await owner.Client.GetAsync(new Uri("/v1/workspace", UriKind.Relative)), HttpStatusCode.OK);
        await ApiDriver.Expect(await owner.Client.GetAsync(new Uri("/v1/contacts", UriKind.Relative)), HttpStatusCode.OK);
        await ApiDriver.Expect(await owner.Client.GetAsync(new Uri("/v1/audit-log", UriKind.Relative)), HttpStatusCode.OK);
        await ApiDriver.Expect(await owner.Client.PostAsync(new Uri("/v1/exports", UriKind.Relative), null), HttpStatusCode.Accepted);
    }

    public sealed class Host : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new();

        public Task InitializeAsync() => Factory.InitializeAsync();

        public async Task DisposeAsync() => await ((IAsyncLifetime)Factory).DisposeAsync();
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
