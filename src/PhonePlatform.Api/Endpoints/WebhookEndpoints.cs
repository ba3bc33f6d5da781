using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Idempotency;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Paging;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;
using PhonePlatform.Webhooks;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>/v1/webhooks</c>: subscriptions (Standard Webhooks), their deliveries and attempts, test-send, manual retry and
/// secret rotation. Owners and admins (<c>webhooks:manage</c>). Secrets appear only in the create and rotate answers.
/// </summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var hooks = v1.MapGroup("/webhooks").WithTags("Webhooks").RequirePermission(Permission.WebhooksManage);
        hooks.MapGet("/", ListAsync);
        hooks.MapPost("/", CreateAsync).WithMetadata(SecretResponse.Instance);
        hooks.MapGet("/{id:guid}", GetAsync);
        hooks.MapPut("/{id:guid}", UpdateAsync);
        hooks.MapDelete("/{id:guid}", DeleteAsync);
        hooks.MapPost("/{id:guid}/rotate-secret", RotateSecretAsync).WithMetadata(SecretResponse.Instance);
        hooks.MapPost("/{id:guid}/test", SendTestAsync);
        hooks.MapGet("/{id:guid}/deliveries", ListDeliveriesAsync);
        hooks.MapGet("/{id:guid}/deliveries/{deliveryId:guid}/attempts", ListAttemptsAsync);
        hooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/retry", RetryAsync);
        return v1;
    }

    private static async Task<Results<Ok<Page<WebhookResponse>>, ProblemHttpResult>> ListAsync(
        PhonePlatformDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.TryAfter(cursor, out var after) is { } invalid)
        {
            return invalid.ToResult();
        }

        var take = Cursor.Limit(limit);
        var rows = await db.WebhookSubscriptions.AsNoTracking().Where(s => cursor == null || s.Id > after).OrderBy(s => s.Id).Take(take + 1)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage([.. rows.Select(WebhookResponse.From)], take, s => s.Id));
    }

    private static async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> CreateAsync(
        WebhookRequest request, WebhookInputRules rules, CreateWebhookSubscription useCase, Caller caller, AuditLog audit, PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        var input = ToInput(request);
        if (rules.Check(input) is { } error)
        {
            return Failure.Validation(error.Field, error.Message).ToResult();
        }

        var created = await Audited.RunAsync(db, audit, caller, "webhook", AuditAction.WebhookCreated, () => useCase.ExecuteAsync(input, cancellationToken), c => c.Subscription.Id, cancellationToken);
        return TypedResults.Created($"/v1/webhooks/{created.Subscription.Id}", new CreatedWebhookResponse(WebhookResponse.From(created.Subscription), created.Secret));
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(Guid id, PhonePlatformDbContext db, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } subscription
            ? TypedResults.Ok(WebhookResponse.From(subscription))
            : NotFound();

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, WebhookRequest request, WebhookInputRules rules, PhonePlatformDbContext db, Caller caller, AuditLog audit, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound();
        }

        var input = ToInput(request);
        if (rules.Check(input) is { } error)
        {
            return Failure.Validation(error.Field, error.Message).ToResult();
        }

        subscription.Url = input.Url;
        subscription.EventTypes = [.. input.EventTypes.Distinct(StringComparer.Ordinal)];
        subscription.Description = input.Description;
        subscription.DisabledReason = input.Enabled ? null : subscription.DisabledReason;
        subscription.Enabled = input.Enabled;
        await Audited.RunAsync(db, audit, caller, "webhook", AuditAction.WebhookChanged, () => db.SaveChangesAsync(cancellationToken), _ => id, cancellationToken);
        return TypedResults.Ok(WebhookResponse.From(subscription));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, PhonePlatformDbContext db, Caller caller, AuditLog audit, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound();
        }

        db.WebhookSubscriptions.Remove(subscription);
        await Audited.RunAsync(db, audit, caller, "webhook", AuditAction.WebhookDeleted, () => db.SaveChangesAsync(cancellationToken), _ => id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<RotatedWebhookSecretResponse>, ProblemHttpResult>> RotateSecretAsync(
        Guid id, RotateWebhookSecret useCase, Caller caller, AuditLog audit, PhonePlatformDbContext db, WebhookOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        await Audited.RunAsync(db, audit, caller, "webhook", AuditAction.WebhookSecretRotated, () => useCase.ExecuteAsync(id, cancellationToken), _ => id, cancellationToken) is { } secret
            ? TypedResults.Ok(new RotatedWebhookSecretResponse(secret, time.GetUtcNow() + options.RotationOverlap))
            : NotFound();

    private static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> SendTestAsync(
        Guid id, SendTestWebhook useCase, CancellationToken cancellationToken) =>
        await useCase.ExecuteAsync(id, cancellationToken) is { } delivery
            ? TypedResults.Accepted($"/v1/webhooks/{id}/deliveries/{delivery.Id}/attempts", WebhookDeliveryResponse.From(delivery))
            : NotFound();

    private static async Task<Results<Ok<Page<WebhookDeliveryResponse>>, ProblemHttpResult>> ListDeliveriesAsync(
        Guid id, PhonePlatformDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (Paging.TryAfter(cursor, out var after) is { } invalid)
        {
            return invalid.ToResult();
        }

        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var take = Cursor.Limit(limit);
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id && (cursor == null || d.Id > after))
            .OrderBy(d => d.Id).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.ToPage([.. rows.Select(WebhookDeliveryResponse.From)], take, d => d.Id));
    }

    private static async Task<Results<Ok<List<WebhookAttemptResponse>>, ProblemHttpResult>> ListAttemptsAsync(
        Guid id, Guid deliveryId, PhonePlatformDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.WebhookDeliveries.AnyAsync(d => d.Id == deliveryId && d.SubscriptionId == id, cancellationToken))
        {
            return NotFound();
        }

        var attempts = await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(attempts.Select(WebhookAttemptResponse.From).ToList());
    }

    private static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> RetryAsync(
        Guid id, Guid deliveryId, RetryWebhookDelivery useCase, CancellationToken cancellationToken) =>
        await useCase.ExecuteAsync(id, deliveryId, cancellationToken) is { } delivery
            ? TypedResults.Accepted($"/v1/webhooks/{id}/deliveries/{deliveryId}/attempts", WebhookDeliveryResponse.From(delivery))
            : NotFound();

    private static WebhookInput ToInput(WebhookRequest request) => new(request.Url, request.EventTypes, request.Description, request.Enabled);

    private static ProblemHttpResult NotFound() => Failure.NotFound("Webhook").ToResult();
}
