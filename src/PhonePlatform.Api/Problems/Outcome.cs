using Microsoft.AspNetCore.Http.HttpResults;

namespace PhonePlatform.Api.Problems;

/// <summary>A use case's result: a value or a <see cref="Failure"/>.</summary>
public readonly record struct Outcome<T>(T? Value, Failure? Failure)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);

    public Results<Ok<T>, ProblemHttpResult> ToOk() => Failure is null ? TypedResults.Ok(Value!) : Failure.ToResult();

    public Results<Created<T>, ProblemHttpResult> ToCreated(Func<T, string> location) =>
        Failure is null ? TypedResults.Created(location(Value!), Value!) : Failure.ToResult();

    public Results<NoContent, ProblemHttpResult> ToNoContent() => Failure is null ? TypedResults.NoContent() : Failure.ToResult();
}

/// <summary>The value of use cases that return nothing.</summary>
public readonly record struct Done;
