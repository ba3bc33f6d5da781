using System.Globalization;
using PhonePlatform.Sip.Auth;
using PhonePlatform.Sip.Transactions;

namespace PhonePlatform.Sip.Registrar;

/// <summary>
/// A registrar (RFC 3261 §10.3) for softphones: digest-authenticates the REGISTER, lets a user register only their
/// own address-of-record, stores bindings with their flow, and answers 200 OK listing every current binding with its
/// remaining expires (which JsSIP requires to consider itself registered).
/// </summary>
public sealed class SipRegistrar
{
    private readonly ILocationService locations;
    private readonly SipRegistrarOptions options;
    private readonly SipDigestAuthenticator authenticator;
    private readonly TimeProvider clock;

    public SipRegistrar(ILocationService locations, ISipCredentialStore credentials, SipRegistrarOptions options, TimeProvider? timeProvider = null)
    {
        this.locations = locations;
        this.options = options;
        clock = timeProvider ?? TimeProvider.System;
        authenticator = new SipDigestAuthenticator(credentials, new NonceService(clock, options.NonceLifetime), options.Algorithms);
    }

    public async ValueTask HandleAsync(SipServerTransaction transaction, CancellationToken cancellationToken = default)
    {
        var request = transaction.Request;
        if (request.Method != SipMethods.Register)
        {
            await transaction.RespondAsync(405);
            return;
        }

        // §10.3 step 4-5: authenticate, then check the user may change this AOR's bindings.
        var auth = await authenticator.AuthenticateAsync(request, options.Realm, transaction.LocalTag, cancellationToken: cancellationToken);
        if (!auth.IsAuthenticated)
        {
            await transaction.RespondAsync(auth.Challenge!);
            return;
        }

        var to = request.To!;
        if (!to.Uri.IsSip || !string.Equals(SipUri.Unescape(to.Uri.User), auth.Username, StringComparison.Ordinal))
        {
            await transaction.RespondAsync(403, "Forbidden - AOR does not belong to the authenticated user");
            return;
        }

        var aor = to.Uri.ToAddressOfRecord();
        var outcome = await ApplyContactsAsync(transaction, aor, cancellationToken);
        if (outcome is not null)
        {
            await transaction.RespondAsync(outcome);
            return;
        }

        await transaction.RespondAsync(await CreateOkAsync(transaction, aor, cancellationToken));
    }

    /// <summary>§10.3 steps 6-7. Returns an error response, or null when the bindings were updated.</summary>
    private async ValueTask<SipResponse?> ApplyContactsAsync(SipServerTransaction transaction, string aor, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        var contacts = request.Contacts;
        var expiresHeader = request.Headers.GetInt(SipHeaderNames.Expires);
        var callId = request.CallId!;
        var cseq = request.CSeq!.Value.Number;

        if (contacts.Any(c => c.IsWildcard))
        {
            // §10.3 step 6: "*" only alone and with Expires: 0.
            if (contacts.Count != 1 || expiresHeader != 0)
            {
                return transaction.CreateResponse(400, "Bad Request - wildcard Contact needs Expires: 0");
            }

            await locations.RemoveAllAsync(aor, cancellationToken);
            return null;
        }

        var existing = await locations.GetBindingsAsync(aor, cancellationToken);
        var now = clock.GetUtcNow();
        var pending = new List<(SipBinding Binding, bool Remove)>();
        foreach (var contact in contacts)
        {
            var requested = int.TryParse(contact.Parameters.Get("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var e)
                ? e
                : expiresHeader ?? (int)options.DefaultExpires.TotalSeconds;
            if (requested != 0 && requested < options.MinExpires.TotalSeconds)
            {
                var tooBrief = transaction.CreateResponse(423);
                tooBrief.Headers.Add(SipHeaderNames.MinExpires, ((int)options.MinExpires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
                return tooBrief;
            }

            var seconds = Math.Min(requested, (int)options.MaxExpires.TotalSeconds);
            var binding = new SipBinding(aor, contact, now.AddSeconds(seconds), callId, cseq, transaction.Source,
                contact.Parameters.Get("+sip.instance"), contact.Parameters.Get("reg-id"), request.UserAgent);

            // §10.3 step 7: same Call-ID with a CSeq that is not higher is an out-of-order request.
            var previous = existing.FirstOrDefault(b => b.Matches(binding));
            if (previous is not null && previous.CallId == callId && previous.CSeq >= cseq)
            {
                return transaction.CreateResponse(500, "Server Internal Error - out of order REGISTER");
            }

            pending.Add((binding, seconds == 0));
        }

        foreach (var (binding, remove) in pending)
        {
            if (remove)
            {
                await locations.RemoveAsync(binding, cancellationToken);
            }
            else
            {
                await locations.SaveAsync(binding, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>§10.3 step 8: the 200 OK lists all current bindings, each with its remaining expires.</summary>
    private async ValueTask<SipResponse> CreateOkAsync(SipServerTransaction transaction, string aor, CancellationToken cancellationToken)
    {
        var ok = transaction.CreateResponse(200);
        var now = clock.GetUtcNow();
        foreach (var binding in await locations.GetBindingsAsync(aor, cancellationToken))
        {
            var contact = binding.Contact.Clone();
            var remaining = Math.Max(0, (int)Math.Round((binding.ExpiresAt - now).TotalSeconds));
            contact.Parameters.Set("expires", remaining.ToString(CultureInfo.InvariantCulture));
            ok.Headers.Add(SipHeaderNames.Contact, contact.ToString());
        }

        ok.Headers.Add(SipHeaderNames.Date, now.ToString("r", CultureInfo.InvariantCulture));
        if (transaction.Request.Contacts.Any(c => c.Parameters.Contains("reg-id")))
        {
            // RFC 5626 §6: the registrar supports outbound flows.
            ok.Headers.Add(SipHeaderNames.Require, "outbound");
        }

        return ok;
    }
}
