using PhonePlatform.Core.Webhooks;

namespace PhonePlatform.Webhooks;

/// <summary>A subscription as an integrator describes it.</summary>
public sealed record WebhookInput(string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled = true);

/// <summary>A field of <see cref="WebhookInput"/> that is not acceptable, and why.</summary>
public sealed record WebhookInputError(string Field, string Message);

/// <summary>Checks a <see cref="WebhookInput"/>: URL policy, known event types, description length.</summary>
public sealed class WebhookInputRules(WebhookUrlPolicy urls)
{
    public const int MaxDescription = 256;

    public WebhookInputError? Check(WebhookInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (urls.Check(input.Url) is { } urlError)
        {
            return new WebhookInputError("url", urlError);
        }

        if (input.EventTypes.Count == 0)
        {
            return new WebhookInputError("eventTypes", "Name at least one event type.");
        }

        if (input.EventTypes.FirstOrDefault(t => !WebhookEventTypes.IsSubscribable(t)) is { } unknown)
        {
            return new WebhookInputError("eventTypes", $"Unknown event type '{unknown}'.");
        }

        return input.Description is { Length: > MaxDescription }
            ? new WebhookInputError("description", $"At most {MaxDescription} characters.")
            : null;
    }
}
