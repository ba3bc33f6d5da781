using Microsoft.AspNetCore.Http.HttpResults;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Billing;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;
using Stripe;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// Stripe billing: state (<c>billing:read</c>), Checkout and Billing Portal sessions (<c>billing:manage</c> and step-up;
/// the answer is a Stripe-hosted URL, card data never passes here), and the signed Stripe webhook (anonymous).
/// </summary>
public static class BillingEndpoints
{
    public const string WebhookPath = "/billing/stripe/webhook";
    private const int MaxWebhookBytes = 64 * 1024;

    public static RouteGroupBuilder MapBillingEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var billing = v1.MapGroup("/billing").WithTags("Billing");
        billing.MapGet("/", async (GetBilling useCase, CancellationToken ct) => TypedResults.Ok(await useCase.ExecuteAsync(ct)))
            .RequirePermission(Permission.BillingRead);
        billing.MapPost("/checkout", CheckoutAsync).RequirePermission(Permission.BillingManage).RequireStepUp();
        billing.MapPost("/portal", PortalAsync).RequirePermission(Permission.BillingManage).RequireStepUp();
        v1.MapPost(WebhookPath, WebhookAsync).AllowAnonymous().ExcludeFromDescription();
        return v1;
    }

    private static async Task<Results<Ok<BillingRedirect>, ProblemHttpResult>> CheckoutAsync(
        CheckoutRequest request, Caller caller, StartCheckout useCase, CancellationToken cancellationToken) =>
        await CallStripeAsync(async () => new BillingRedirect(await useCase.ExecuteAsync(Actor(caller), request.Plan, cancellationToken)));

    private static async Task<Results<Ok<BillingRedirect>, ProblemHttpResult>> PortalAsync(
        Caller caller, OpenBillingPortal useCase, CancellationToken cancellationToken) =>
        await CallStripeAsync(async () => new BillingRedirect(await useCase.ExecuteAsync(Actor(caller), cancellationToken)));

    private static async Task<Results<Ok, BadRequest, ProblemHttpResult>> WebhookAsync(HttpRequest request, ApplyStripeEvent useCase, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxWebhookBytes)
        {
            return TypedResults.BadRequest();
        }

        using var reader = new StreamReader(request.Body);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            var outcome = await useCase.ExecuteAsync(payload, request.Headers["Stripe-Signature"].ToString(), cancellationToken);
            return outcome == WebhookOutcome.Rejected ? TypedResults.BadRequest() : TypedResults.Ok();
        }
        catch (BillingException e)
        {
            return Unavailable(e.Message).ToResult();
        }
    }

    private static async Task<Results<Ok<BillingRedirect>, ProblemHttpResult>> CallStripeAsync(Func<Task<BillingRedirect>> call)
    {
        try
        {
            return TypedResults.Ok(await call());
        }
        catch (BillingException e) when (e.Message.StartsWith("Unknown plan", StringComparison.Ordinal))
        {
            return Failure.Validation("plan", e.Message).ToResult();
        }
        catch (BillingException e)
        {
            return Unavailable(e.Message).ToResult();
        }
        catch (StripeException)
        {
            // Stripe's message may name our account's objects: the caller gets a plain 502.
            return new Failure(StatusCodes.Status502BadGateway, "payment-provider-error", "Payment provider error", "Stripe did not accept the request. Try again later.").ToResult();
        }
    }

    private static Failure Unavailable(string detail) =>
        new(StatusCodes.Status503ServiceUnavailable, "billing-unavailable", "Billing unavailable", detail);

    private static AuditEvent Actor(Caller caller) => new("billing", caller.UserId, caller.ApiKeyId, caller.Ip);
}

public sealed record CheckoutRequest(string Plan);

/// <summary>A Stripe-hosted page to send the browser to.</summary>
public sealed record BillingRedirect(Uri Url);
