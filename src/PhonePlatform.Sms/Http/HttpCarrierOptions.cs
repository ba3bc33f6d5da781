namespace PhonePlatform.Sms.Http;

/// <summary>How the platform authenticates to a REST carrier.</summary>
public enum HttpCarrierAuth
{
    None,

    /// <summary><c>Authorization: Bearer {Token}</c>.</summary>
    Bearer,

    /// <summary><c>Authorization: Basic base64(Username:Password)</c> (RFC 7617).</summary>
    Basic,

    /// <summary><see cref="HttpCarrierOptions.TimestampHeader"/> and <see cref="HttpCarrierOptions.SignatureHeader"/> = hex HMAC-SHA256 of <c>{timestamp}.{body}</c> under <see cref="HttpCarrierOptions.Secret"/>.</summary>
    Hmac,
}

/// <summary>
/// One carrier with a REST messaging API (section <c>Sms:HttpCarriers:N</c>). Outbound: POST <see cref="SendUrl"/>
/// with <see cref="BodyTemplate"/> (placeholders <c>{{to}}</c>, <c>{{from}}</c>, <c>{{text}}</c>, <c>{{reference}}</c>,
/// filled in as JSON strings) and the carrier's message id read at <see cref="MessageIdPath"/> of the JSON answer.
/// Inbound: the carrier posts to <c>/v1/carriers/{Id}/inbound</c> and <c>/status</c>, signed with
/// <see cref="WebhookSecret"/> (<see cref="CarrierWebhookVerifier"/>).
/// </summary>
public sealed class HttpCarrierOptions
{
    /// <summary>The carrier's id in webhook URLs (letters, digits, '-').</summary>
    public string Id { get; set; } = "";

    public Uri? SendUrl { get; set; }

    public HttpCarrierAuth Auth { get; set; }

    public string? Token { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The HMAC key of <see cref="HttpCarrierAuth.Hmac"/> requests.</summary>
    public string? Secret { get; set; }

    public string TimestampHeader { get; set; } = "X-Timestamp";

    public string SignatureHeader { get; set; } = "X-Signature";

    public string BodyTemplate { get; set; } = """{"to":{{to}},"from":{{from}},"text":{{text}},"reference":{{reference}}}""";

    /// <summary>Dotted path of the message id in the JSON answer, e.g. <c>id</c> or <c>messages.0.id</c>.</summary>
    public string MessageIdPath { get; set; } = "id";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Key the carrier signs its webhooks with; a carrier without one cannot post webhooks here.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a webhook's timestamp may be from now (replay window).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
