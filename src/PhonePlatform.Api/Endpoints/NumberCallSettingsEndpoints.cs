using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.Problems;
using PhonePlatform.Api.UseCases.Calls;
using PhonePlatform.Core.Permissions;

namespace PhonePlatform.Api.Endpoints;

/// <summary>
/// <c>/v1/numbers/{id}/call-settings</c> (business hours, ring timeout, recording policy, menu) and
/// <c>/v1/numbers/{id}/greeting</c> (a WAV body, <c>audio/wav</c>): owners and admins.
/// </summary>
public static class NumberCallSettingsEndpoints
{
    /// <summary>Largest upload before conversion (two minutes of 16-bit 16 kHz stereo fit).</summary>
    public const long MaxGreetingBytes = 8 * 1024 * 1024;

    private static readonly string[] WavTypes = ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"];

    public static RouteGroupBuilder MapNumberCallSettingsEndpoints(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var numbers = v1.MapGroup("/numbers").WithTags("Numbers");
        numbers.MapGet("/{id:guid}/call-settings", GetAsync).RequirePermission(Permission.NumbersManage);
        numbers.MapPut("/{id:guid}/call-settings", ReplaceAsync).RequirePermission(Permission.NumbersManage);
        numbers.MapPut("/{id:guid}/greeting", SetGreetingAsync).RequirePermission(Permission.NumbersManage)
            .WithMetadata(new RequestSizeLimitAttribute(MaxGreetingBytes))
            .Accepts<byte[]>(WavTypes[0]);
        numbers.MapDelete("/{id:guid}/greeting", RemoveGreetingAsync).RequirePermission(Permission.NumbersManage);
        return v1;
    }

    private static async Task<Results<Ok<NumberCallSettingsResponse>, ProblemHttpResult>> GetAsync(
        Guid id, NumberCallSettingsService settings, CancellationToken cancellationToken) =>
        (await settings.GetAsync(id, cancellationToken)).ToOk();

    private static async Task<Results<Ok<NumberCallSettingsResponse>, ProblemHttpResult>> ReplaceAsync(
        Guid id, NumberCallSettingsRequest request, Caller caller, NumberCallSettingsService settings, CancellationToken cancellationToken) =>
        (await settings.ReplaceAsync(caller, id, request, cancellationToken)).ToOk();

    private static async Task<Results<Ok<NumberCallSettingsResponse>, ProblemHttpResult>> SetGreetingAsync(
        Guid id, HttpRequest request, Caller caller, NumberCallSettingsService settings, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !WavTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return new Failure(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type", "Send the greeting as audio/wav.").ToResult();
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        return (await settings.SetGreetingAsync(caller, id, body.ToArray(), cancellationToken)).ToOk();
    }

    private static async Task<Results<Ok<NumberCallSettingsResponse>, ProblemHttpResult>> RemoveGreetingAsync(
        Guid id, Caller caller, NumberCallSettingsService settings, CancellationToken cancellationToken) =>
        (await settings.RemoveGreetingAsync(caller, id, cancellationToken)).ToOk();
}
