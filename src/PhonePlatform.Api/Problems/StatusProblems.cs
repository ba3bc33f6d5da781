namespace PhonePlatform.Api.Problems;

/// <summary>Type and detail for problems the framework raises by status alone (routing, auth, content negotiation).</summary>
internal static class StatusProblems
{
    public static (string Type, string Detail)? Describe(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => ("unauthenticated", "Send 'Authorization: Bearer' with a session token or an API key."),
        StatusCodes.Status403Forbidden => ("forbidden", "The caller may not do this."),
        StatusCodes.Status404NotFound => ("not-found", "There is no such resource."),
        StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", "This resource does not support the method."),
        StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type", "Send the body as application/json."),
        _ => null,
    };
}
