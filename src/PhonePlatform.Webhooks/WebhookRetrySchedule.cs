namespace PhonePlatform.Webhooks;

/// <summary>
/// Exponential backoff with jitter: the delay after the n-th failed attempt is <c>initial × 2^(n-1)</c>, capped, and
/// spread ±25 % so endpoints recovering from an outage are not hit by every queued message at the same instant.
/// </summary>
public sealed class WebhookRetrySchedule(WebhookOptions options)
{
    public TimeSpan DelayAfter(int failedAttempts, double unitRandom)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var capped = Math.Min(options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.75 + (0.5 * unitRandom)));
    }

    /// <summary>The next attempt's time, or null when it would fall outside the retry window: the delivery has failed.</summary>
    public DateTimeOffset? NextAttempt(DateTimeOffset createdAt, DateTimeOffset now, int failedAttempts, double unitRandom)
    {
        var next = now + DelayAfter(failedAttempts, unitRandom);
        return next <= createdAt + options.RetryWindow ? next : null;
    }
}
