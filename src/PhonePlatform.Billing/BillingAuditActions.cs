namespace PhonePlatform.Billing;

public static class BillingAuditActions
{
    public const string CheckoutStarted = "billing.checkout_started";
    public const string PortalOpened = "billing.portal_opened";
    public const string SeatsSynchronised = "billing.seats_synchronised";
    public const string SubscriptionChanged = "billing.subscription_changed";
    public const string InvoicePaid = "billing.invoice_paid";
    public const string PaymentFailed = "billing.payment_failed";
}
