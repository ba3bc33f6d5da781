using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Hosting;
using PhonePlatform.Api.Problems;
using PhonePlatform.Core.Idempotency;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST (draft-ietf-httpapi-idempotency-key-header): the first response is kept for the
/// retention period and replayed to retries; the same key with a different request is a 422; a retry while the first
/// is still running is a 409. Keys are scoped to the caller, so two callers never share one.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context, PhonePlatformDbContext db, TimeProvider time, IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > 255)
        {
            await WriteAsync(context, Failure.Validation(Header, "Send one key of 1 to 255 characters."));
            return;
        }

        var requestHash = await HashRequestAsync(context.Request);
        var scope = ScopeOf(context);
        var secret = context.GetEndpoint()?.Metadata.GetMetadata<SecretResponse>() is not null;
        var now = time.GetUtcNow();

        var existing = await FindAsync(db, scope, key, now, context.RequestAborted);
        if (existing is null)
        {
            var record = new IdempotencyRecord { Scope = scope, Key = key, RequestHash = requestHash, CreatedAt = now, ExpiresAt = now + options.Value.IdempotencyRetention };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(context.RequestAborted);
                db.ChangeTracker.Clear();
                await RunAndRecordAsync(context, db, record.Id, secret);
                return;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                existing = await FindAsync(db, scope, key, now, context.RequestAborted);
            }
        }

        if (existing is null)
        {
            await WriteAsync(context, Conflict("idempotency-in-progress", "A request with this key is being processed; retry shortly."));
        }
        else if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
        {
            await WriteAsync(context, new Failure(
                StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency key reused", "This key was used with a different request."));
        }
        else if (existing.StatusCode is not { } status)
        {
            await WriteAsync(context, Conflict("idempotency-in-progress", "A request with this key is being processed; retry shortly."));
        }
        else if (existing.Body is null && secret)
        {
            await WriteAsync(context, Conflict(
                "idempotency-secret-not-replayed", "This request already succeeded; its response held a secret shown only once."));
        }
        else
        {
            context.Response.StatusCode = status;
            context.Response.Headers[ReplayedHeader] = "true";
            if (existing.ContentType is not null)
            {
                context.Response.ContentType = existing.ContentType;
            }

            if (existing.Location is not null)
            {
                context.Response.Headers.Location = existing.Location;
            }

            if (existing.Body is { Length: > 0 } body)
            {
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            }
        }
    }

    private async Task RunAndRecordAsync(HttpContext context, PhonePlatformDbContext db, Guid recordId, bool secret)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode >= 500)
        {
            // Not a result worth repeating: let the client retry with the same key.
            await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteDeleteAsync(CancellationToken.None);
        }
        else
        {
            var body = secret ? null : buffer.ToArray();
            string? location = response.Headers.Location;
            await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.StatusCode, response.StatusCode)
                    .SetProperty(r => r.ContentType, response.ContentType)
                    .SetProperty(r => r.Location, location)
                    .SetProperty(r => r.Body, body),
                CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task<IdempotencyRecord?> FindAsync(PhonePlatformDbContext db, string scope, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
        if (found is not null && found.ExpiresAt <= now)
        {
            await db.IdempotencyRecords.Where(r => r.Id == found.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        return found;
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n{request.QueryString}\n{request.ContentType}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string ScopeOf(HttpContext context) => Caller.From(context) is { } caller
        ? $"{caller.WorkspaceId:N}:{caller.UserId ?? caller.ApiKeyId:N}"
        : $"anonymous:{context.Connection.RemoteIpAddress}";

    private static Failure Conflict(string type, string detail) => new(StatusCodes.Status409Conflict, type, "Conflict", detail);

    private static Task WriteAsync(HttpContext context, Failure failure) => failure.ToResult().ExecuteAsync(context);
}
