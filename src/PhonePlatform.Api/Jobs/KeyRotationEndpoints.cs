using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Permissions;
using PhonePlatform.Data;
using PhonePlatform.Data.Encryption;

namespace PhonePlatform.Api.Jobs;

public sealed record KeyRotationResponse(Guid Id, int ToVersion, string State, long ReEncrypted, long BlobsReEncrypted, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt)
{
    public static KeyRotationResponse From(KeyRotation rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        return new(rotation.Id, rotation.ToVersion, rotation.CompletedAt is null ? "running" : "completed", rotation.ReEncrypted, rotation.BlobsReEncrypted, rotation.StartedAt, rotation.CompletedAt);
    }
}

/// <summary><c>POST /v1/workspace/keys/rotate</c> (Owner, step-up) and <c>GET /v1/workspace/keys/rotation</c>.</summary>
public static class KeyRotationEndpoints
{
    public static RouteGroupBuilder MapKeyRotationEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var keys = v1.MapGroup("/workspace/keys").WithTags("Encryption");
        keys.MapPost("/rotate", RotateAsync).RequirePermission(Permission.SecurityManage).RequireStepUp();
        keys.MapGet("/rotation", StatusAsync).RequirePermission(Permission.SecurityManage);
        return v1;
    }

    private static async Task<Results<Accepted<KeyRotationResponse>, ProblemHttpResult>> RotateAsync(
        Caller caller, PhonePlatformDbContext db, KeyRotationRunner runner, AuditLog audit, CancellationToken cancellationToken)
    {
        if (caller.Role != Role.Owner)
        {
            return Failure.Forbidden("Only the workspace Owner may rotate its encryption key.").ToResult();
        }

        if (await db.KeyRotations.AnyAsync(r => r.CompletedAt == null, cancellationToken))
        {
            return Failure.Conflict("A key rotation is already running.").ToResult();
        }

        var rotation = await runner.StartAsync(db, cancellationToken);
        await audit.AppendAsync(caller.Event("workspace.keys.rotated", "key_rotation", rotation.Id, $"new data key v{rotation.ToVersion}"), cancellationToken);
        return TypedResults.Accepted("/v1/workspace/keys/rotation", KeyRotationResponse.From(rotation));
    }

    private static async Task<Results<Ok<KeyRotationResponse>, ProblemHttpResult>> StatusAsync(PhonePlatformDbContext db, CancellationToken cancellationToken) =>
        await db.KeyRotations.OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken) is { } rotation
            ? TypedResults.Ok(KeyRotationResponse.From(rotation))
            : Failure.NotFound("Key rotation").ToResult();
}
