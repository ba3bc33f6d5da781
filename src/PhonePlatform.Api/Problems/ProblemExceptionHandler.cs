using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PhonePlatform.Api.Problems;

/// <summary>
/// Turns exceptions into problem documents: request errors (malformed JSON, unknown fields, wrong content type,
/// oversized body) keep their 4xx status with a clear detail; anything else is a 500 that reveals nothing.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = exception switch
        {
            BadHttpRequestException bad => RequestProblem(bad),
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(logger, exception);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = Failure.TypePrefix + "internal",
                Title = "Internal error",
                Detail = "The request could not be completed. Quote the traceId when reporting it.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails RequestProblem(BadHttpRequestException bad)
    {
        var (type, title, detail) = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => ("body-too-large", "Request body too large", "The request body exceeds the limit."),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type", "Unsupported media type", "Send the body as application/json."),
            _ when bad.InnerException is JsonException json => ("invalid-json", "Invalid JSON body", Describe(json)),
            _ => ("bad-request", "Bad request", bad.Message),
        };
        return new ProblemDetails { Status = bad.StatusCode, Type = Failure.TypePrefix + type, Title = title, Detail = detail };
    }

    // The serializer's message names the offending member or token, never the body's values.
    private static string Describe(JsonException json) =>
        json.Path is { Length: > 0 } path ? $"{json.Message.Split(" Path:")[0]} (at {path})" : json.Message.Split(" Path:")[0];

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
