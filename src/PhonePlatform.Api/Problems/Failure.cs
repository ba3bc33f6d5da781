using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace PhonePlatform.Api.Problems;

/// <summary>Why a use case did not happen, ready to become an RFC 7807 problem document.</summary>
public sealed record Failure(int Status, string Type, string Title, string Detail, IDictionary<string, string[]>? Errors = null)
{
    public const string TypePrefix = "urn:phoneplatform:problem:";

    public static Failure NotFound(string what) => new(StatusCodes.Status404NotFound, "not-found", "Not found", $"{what} was not found.");

    public static Failure Validation(string field, params string[] messages) =>
        new(StatusCodes.Status400BadRequest, "validation", "The request is not valid", "See errors.", new Dictionary<string, string[]> { [field] = messages });

    public static Failure Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static Failure StepUpRequired() => new(
        StatusCodes.Status403Forbidden,
        "step-up-required",
        "Re-authentication required",
        "This operation needs a fresh password and two-factor check: POST /v1/sessions/current/step-up.");

    public static Failure Conflict(string detail) => new(StatusCodes.Status409Conflict, "conflict", "Conflict", detail);

    public static Failure InvalidCredentials() => new(
        StatusCodes.Status401Unauthorized, "invalid-credentials", "Invalid credentials", "The e-mail, password or code is not correct.");

    public ProblemHttpResult ToResult()
    {
        var problem = Errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(Errors);
        problem.Status = Status;
        problem.Type = TypePrefix + Type;
        problem.Title = Title;
        problem.Detail = Detail;
        return TypedResults.Problem(problem);
    }
}
