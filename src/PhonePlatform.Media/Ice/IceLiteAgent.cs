using System.Net;
using System.Text;
using PhonePlatform.Media.Stun;

namespace PhonePlatform.Media.Ice;

/// <summary>
/// The ICE-lite side of one media stream (RFC 8445 §2.5): it never sends checks, it answers the peer's
/// connectivity checks on its host candidate, authenticates them with short-term credentials, remembers which
/// source addresses passed a check (so DTLS and media are accepted only from them), follows the peer's
/// nomination (USE-CANDIDATE), and treats the peer's periodic checks as consent (RFC 7675): when none arrives for
/// <see cref="ConsentTimeout"/>, <see cref="ConsentExpired"/> is raised once.
/// Thread-safe: checks may arrive on a socket thread while the consent timer fires on another.
/// </summary>
public sealed class IceLiteAgent : IDisposable
{
    /// <summary>RFC 7675 §5.1: consent expires 30 seconds after the last successful check.</summary>
    public static readonly TimeSpan DefaultConsentTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The largest response this agent writes.</summary>
    public const int MaxResponseLength = 128;

    private static readonly ushort[] KnownRequiredAttributes =
    [
        StunAttributeType.Username, StunAttributeType.MessageIntegrity, StunAttributeType.Priority,
        StunAttributeType.UseCandidate, StunAttributeType.MessageIntegritySha256,
    ];

    private readonly object gate = new();
    private readonly HashSet<IPEndPoint> validatedSources = [];
    private readonly byte[] localPasswordKey;
    private readonly byte[] expectedUsername;
    private readonly TimeProvider timeProvider;
    private readonly ITimer consentTimer;
    private long lastValidCheck;
    private IPEndPoint? nominated;
    private bool consentExpired;

    /// <summary>Creates the agent; the consent clock starts now.</summary>
    public IceLiteAgent(IceCredentials local, string remoteUfrag, TimeProvider timeProvider, TimeSpan? consentTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remoteUfrag);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Local = local;
        RemoteUfrag = remoteUfrag;
        this.timeProvider = timeProvider;
        ConsentTimeout = consentTimeout ?? DefaultConsentTimeout;
        localPasswordKey = Encoding.UTF8.GetBytes(local.Password);
        // RFC 8445 §7.2.2: USERNAME of a check is "<receiver's ufrag>:<sender's ufrag>".
        expectedUsername = Encoding.UTF8.GetBytes(local.Ufrag + ":" + remoteUfrag);
        lastValidCheck = timeProvider.GetTimestamp();
        var period = TimeSpan.FromTicks(Math.Max(ConsentTimeout.Ticks / 10, TimeSpan.TicksPerMillisecond));
        consentTimer = timeProvider.CreateTimer(_ => CheckConsent(), null, period, period);
    }

    /// <summary>Our credentials (in our SDP).</summary>
    public IceCredentials Local { get; }

    /// <summary>The peer's ufrag from its SDP.</summary>
    public string RemoteUfrag { get; }

    /// <summary>How long without a valid check before consent expires.</summary>
    public TimeSpan ConsentTimeout { get; }

    /// <summary>The address the peer nominated (latest USE-CANDIDATE check), where media goes.</summary>
    public IPEndPoint? NominatedEndPoint
    {
        get
        {
            lock (gate)
            {
                return nominated;
            }
        }
    }

    /// <summary>Raised once when the peer nominates its first pair.</summary>
    public event Action<IPEndPoint>? Nominated;

    /// <summary>Raised once when no valid check arrived for <see cref="ConsentTimeout"/> (RFC 7675 §5.1).</summary>
    public event Action? ConsentExpired;

    /// <summary>True when <paramref name="source"/> passed a check with valid MESSAGE-INTEGRITY.</summary>
    public bool IsValidatedSource(IPEndPoint source)
    {
        lock (gate)
        {
            return validatedSources.Contains(source);
        }
    }

    /// <summary>
    /// Handles one STUN datagram from <paramref name="source"/>. When the outcome calls for an answer,
    /// <paramref name="responseLength"/> is its length in <paramref name="response"/> (at least
    /// <see cref="MaxResponseLength"/> bytes); otherwise it is 0. Never throws on hostile input.
    /// </summary>
    public IceCheckOutcome HandleStun(ReadOnlySpan<byte> datagram, IPEndPoint source, Span<byte> response, out int responseLength)
    {
        ArgumentNullException.ThrowIfNull(source);
        responseLength = 0;
        if (response.Length < MaxResponseLength)
        {
            throw new ArgumentException("The response buffer is too small.", nameof(response));
        }

        if (!StunMessage.TryParse(datagram, out var request) || request.Type != StunMessageType.BindingRequest)
        {
            // Indications (keepalives) and responses need no answer from a lite agent.
            return IceCheckOutcome.Dropped;
        }

        if (request.FindUnknownComprehensionRequired(KnownRequiredAttributes) is { } unknown)
        {
            responseLength = WriteError(request, response, 420, "Unknown Attribute", unknown);
            return IceCheckOutcome.UnknownAttribute;
        }

        // RFC 8489 §9.1.3: a request without USERNAME or MESSAGE-INTEGRITY gets 400; a wrong username or
        // integrity gets 401. ICE (RFC 8445 §7.3) additionally needs FINGERPRINT to tell STUN from media.
        if (!request.TryGetAttribute(StunAttributeType.Username, out var username)
            || !request.TryGetAttribute(StunAttributeType.MessageIntegrity, out _)
            || !request.HasValidFingerprint())
        {
            responseLength = WriteError(request, response, 400, "Bad Request", null);
            return IceCheckOutcome.Rejected;
        }

        if (!username.SequenceEqual(expectedUsername) || !request.HasValidMessageIntegrity(localPasswordKey))
        {
            responseLength = WriteError(request, response, 401, "Unauthorized", null);
            return IceCheckOutcome.Rejected;
        }

        var useCandidate = request.TryGetAttribute(StunAttributeType.UseCandidate, out _);
        var firstNomination = false;
        lock (gate)
        {
            validatedSources.Add(source);
            lastValidCheck = timeProvider.GetTimestamp();
            if (useCandidate)
            {
                firstNomination = nominated is null;
                nominated = source;
            }
        }

        // RFC 8489 §7.3.1.1 and RFC 8445 §7.3.1.4: success response with the source as XOR-MAPPED-ADDRESS,
        // integrity keyed with our password, and FINGERPRINT.
        var writer = new StunMessageWriter(response, StunMessageType.BindingSuccessResponse, request.TransactionId);
        writer.AddXorMappedAddress(source);
        writer.AddMessageIntegrity(localPasswordKey);
        writer.AddFingerprint();
        responseLength = writer.Length;

        if (firstNomination)
        {
            Nominated?.Invoke(source);
        }

        return useCandidate ? IceCheckOutcome.AnsweredAndNominated : IceCheckOutcome.Answered;
    }

    /// <inheritdoc />
    public void Dispose() => consentTimer.Dispose();

    private static int WriteError(StunMessage request, Span<byte> response, int code, string reason, ushort? unknown)
    {
        var writer = new StunMessageWriter(response, StunMessageType.BindingErrorResponse, request.TransactionId);
        writer.AddErrorCode(code, reason);
        if (unknown is { } type)
        {
            Span<byte> value = [(byte)(type >> 8), (byte)type];
            writer.AddAttribute(StunAttributeType.UnknownAttributes, value);
        }

        writer.AddFingerprint();
        return writer.Length;
    }

    private void CheckConsent()
    {
        bool expire;
        lock (gate)
        {
            expire = !consentExpired && timeProvider.GetElapsedTime(lastValidCheck) >= ConsentTimeout;
            consentExpired |= expire;
        }

        if (expire)
        {
            consentTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            ConsentExpired?.Invoke();
        }
    }
}
