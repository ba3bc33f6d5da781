namespace PhonePlatform.Gateway.Calls;

/// <summary>Inbound calls follow their number's call settings: business hours, ring timeout, greeting, menu.</summary>
public sealed partial class B2bua
{
    /// <summary>The numbers' call settings (null: every number uses <see cref="NumberCallPolicy.Default"/>).</summary>
    public INumberCallSettings? CallSettings { get; init; }

    /// <summary>The number's policy now, with its greeting and ring timeout folded into the route.</summary>
    private async Task<(NumberRoute Route, NumberCallPolicy Policy)> ApplyCallSettingsAsync(NumberRoute route, CancellationToken cancellationToken)
    {
        var policy = CallSettings is null
            ? NumberCallPolicy.Default
            : await CallSettings.GetAsync(route.WorkspaceId, route.Number, cancellationToken).ConfigureAwait(false);
        return (route with { Greeting = policy.Greeting ?? route.Greeting, RingTimeout = policy.RingTimeout ?? route.RingTimeout }, policy);
    }
}
