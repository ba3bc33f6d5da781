using PhonePlatform.Core.Billing;

namespace PhonePlatform.Billing;

/// <summary>What <c>GET /v1/billing</c> shows: plan, state, seats, and a warning when payment is overdue.</summary>
public sealed record BillingState(
    string? Plan,
    SubscriptionStatus Status,
    int Seats,
    int Members,
    DateTimeOffset? CurrentPeriodEnd,
    string? Warning,
    IReadOnlyList<BillingPlanView> Plans);

/// <summary>A plan on offer.</summary>
public sealed record BillingPlanView(string Name, long SeatPriceMinor, string Currency);
