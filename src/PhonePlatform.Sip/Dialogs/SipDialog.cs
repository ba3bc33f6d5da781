using System.Globalization;
using System.Net;
using PhonePlatform.Sip.Transactions;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Sip.Dialogs;

/// <summary>
/// A dialog (RFC 3261 §12): Call-ID and tags, local and remote CSeq, route set from Record-Route, remote target from
/// Contact (refreshed by re-INVITE and UPDATE, §12.2), and the flow it lives on. Session timers (RFC 4028) are read
/// into <see cref="SessionExpires"/> and <see cref="Refresher"/> for the TU to act on.
/// </summary>
public sealed class SipDialog
{
    private SipDialog(string callId, string localTag, string remoteTag, SipNameAddress localUri, SipNameAddress remoteUri, SipUri remoteTarget, IReadOnlyList<SipNameAddress> routeSet, SipEndPoint flow)
    {
        CallId = callId;
        LocalTag = localTag;
        RemoteTag = remoteTag;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        Flow = flow;
    }

    public string CallId { get; }

    public string LocalTag { get; }

    public string RemoteTag { get; }

    /// <summary>RFC 3261 §12: Call-ID plus local and remote tag identify the dialog.</summary>
    public string Id => $"{CallId};{LocalTag};{RemoteTag}";

    public SipNameAddress LocalUri { get; }

    public SipNameAddress RemoteUri { get; }

    public SipUri RemoteTarget { get; private set; }

    public IReadOnlyList<SipNameAddress> RouteSet { get; }

    /// <summary>The transport flow the dialog was created on (for a browser: its WebSocket).</summary>
    public SipEndPoint Flow { get; }

    public uint LocalSequence { get; private set; }

    public uint? RemoteSequence { get; private set; }

    public SipDialogState State { get; private set; }

    public TimeSpan? SessionExpires { get; private set; }

    /// <summary>"uac" or "uas" per RFC 4028 §9.</summary>
    public string? Refresher { get; private set; }

    /// <summary>RFC 3261 §12.1.2: the UAC side, from the INVITE and a 1xx/2xx with a To tag. Route set = Record-Route reversed.</summary>
    public static SipDialog CreateAsUac(SipRequest invite, SipResponse response, SipEndPoint flow)
    {
        var routes = response.Headers.GetValues(SipHeaderNames.RecordRoute).Select(SipNameAddress.Parse).Reverse().ToList();
        var remoteTarget = response.Contacts.FirstOrDefault()?.Uri ?? invite.RequestUri;
        var local = invite.From!;
        var remote = response.To!;
        var dialog = new SipDialog(invite.CallId!, local.Tag ?? string.Empty, remote.Tag ?? string.Empty, WithoutTag(local), WithoutTag(remote), remoteTarget, routes, flow)
        {
            LocalSequence = invite.CSeq!.Value.Number,
            State = response.IsSuccess ? SipDialogState.Confirmed : SipDialogState.Early,
        };
        dialog.ReadSessionTimer(response);
        return dialog;
    }

    /// <summary>RFC 3261 §12.1.1: the UAS side, when answering with a 1xx/2xx. Route set = Record-Route in order.</summary>
    public static SipDialog CreateAsUas(SipServerTransaction transaction, bool confirmed)
    {
        var request = transaction.Request;
        var routes = request.Headers.GetValues(SipHeaderNames.RecordRoute).Select(SipNameAddress.Parse).ToList();
        var remoteTarget = request.Contacts.FirstOrDefault()?.Uri ?? request.From!.Uri;
        var remote = request.From!;
        var dialog = new SipDialog(request.CallId!, transaction.LocalTag, remote.Tag ?? string.Empty, WithoutTag(request.To!), WithoutTag(remote), remoteTarget, routes, transaction.Source)
        {
            RemoteSequence = request.CSeq!.Value.Number,
            LocalSequence = 0,
            State = confirmed ? SipDialogState.Confirmed : SipDialogState.Early,
        };
        dialog.ReadSessionTimer(request);
        return dialog;
    }

    /// <summary>A 2xx for the INVITE confirms an early dialog and may update the remote target.</summary>
    public void Confirm(SipResponse response)
    {
        State = SipDialogState.Confirmed;
        if (response.Contacts.FirstOrDefault() is { } contact)
        {
            RemoteTarget = contact.Uri;
        }

        ReadSessionTimer(response);
    }

    public void Terminate() => State = SipDialogState.Terminated;

    /// <summary>
    /// RFC 3261 §12.2.1.1: a request within the dialog. CSeq is incremented (not for ACK/CANCEL); the Request-URI is the
    /// remote target with loose routing, or the first route with strict routing (the remote target then goes last).
    /// </summary>
    public SipRequest CreateRequest(string method)
    {
        if (method is not (SipMethods.Ack or SipMethods.Cancel))
        {
            LocalSequence++;
        }

        var routes = RouteSet.ToList();
        SipUri requestUri;
        if (routes.Count > 0 && !routes[0].Uri.LooseRouting)
        {
            requestUri = routes[0].Uri.Clone();
            requestUri.Parameters.Remove("method");
            routes.RemoveAt(0);
            routes.Add(new SipNameAddress(RemoteTarget.Clone()));
        }
        else
        {
            requestUri = RemoteTarget.Clone();
        }

        var request = new SipRequest(method, requestUri);
        foreach (var route in routes)
        {
            request.Headers.Add(SipHeaderNames.Route, route.ToString());
        }

        var from = LocalUri.Clone();
        from.Tag = LocalTag;
        var to = RemoteUri.Clone();
        to.Tag = RemoteTag;
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, from.ToString());
        request.Headers.Add(SipHeaderNames.To, to.ToString());
        request.Headers.Add(SipHeaderNames.CallId, CallId);
        request.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(LocalSequence, method).ToString());
        return request;
    }

    /// <summary>RFC 3261 §13.2.2.4: the ACK for a 2xx carries the CSeq number of the INVITE it acknowledges.</summary>
    public SipRequest CreateAck(SipResponse inviteResponse)
    {
        var ack = CreateRequest(SipMethods.Ack);
        ack.CSeq = new SipCSeq(inviteResponse.CSeq!.Value.Number, SipMethods.Ack);
        return ack;
    }

    /// <summary>
    /// RFC 3261 §12.2.2: checks an in-dialog request. A lower CSeq than the last one is answered 500; a re-INVITE or
    /// UPDATE (RFC 3311) refreshes the remote target. Returns the status code to reject with, or null to accept.
    /// </summary>
    public int? OnRemoteRequest(SipRequest request)
    {
        var cseq = request.CSeq!.Value;
        if (request.Method is not (SipMethods.Ack or SipMethods.Cancel))
        {
            if (RemoteSequence is { } last && cseq.Number <= last)
            {
                return 500;
            }

            RemoteSequence = cseq.Number;
        }

        if (request.Method is SipMethods.Invite or SipMethods.Update && request.Contacts.FirstOrDefault() is { } contact)
        {
            RemoteTarget = contact.Uri;
        }

        if (request.Method is SipMethods.Invite or SipMethods.Update)
        {
            ReadSessionTimer(request);
        }

        if (request.Method == SipMethods.Bye)
        {
            State = SipDialogState.Terminated;
        }

        return null;
    }

    /// <summary>Whether a request belongs to this dialog (its To tag is ours, its From tag is the peer's).</summary>
    public bool Matches(SipRequest request) =>
        request.CallId == CallId && request.To?.Tag == LocalTag && request.From?.Tag == RemoteTag;

    /// <summary>
    /// Where in-dialog requests go. Connection flows are always reused (RFC 5626); otherwise the first route or the
    /// remote target when it is an IP literal; names (and .invalid hosts) fall back to the dialog's flow.
    /// </summary>
    public SipEndPoint NextHop()
    {
        if (Flow.ConnectionId != 0)
        {
            return Flow;
        }

        var uri = RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
            ? Flow with { Address = new IPEndPoint(address, uri.Port ?? 5060) }
            : Flow;
    }

    private void ReadSessionTimer(SipMessage message)
    {
        // RFC 4028 §4: Session-Expires: delta-seconds [;refresher=uac|uas].
        var value = message.Headers.Get(SipHeaderNames.SessionExpires);
        if (value is null)
        {
            return;
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var seconds = semicolon < 0 ? value : value[..semicolon];
        if (int.TryParse(seconds.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s))
        {
            SessionExpires = TimeSpan.FromSeconds(s);
            var parameters = new SipParameters();
            if (semicolon >= 0 && SipParameters.TryParse(value, semicolon, parameters))
            {
                Refresher = parameters.Get("refresher");
            }
        }
    }

    private static SipNameAddress WithoutTag(SipNameAddress address)
    {
        var copy = address.Clone();
        copy.Tag = null;
        return copy;
    }
}
