using System.Text;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Dialogs;

namespace PhonePlatform.Gateway.Calls;

/// <summary>
/// Hold and resume across the bridge: when one side re-offers with sendonly/inactive (RFC 3264 §8.4) or back to
/// sendrecv, the gateway re-INVITEs the other side with the same direction, so a carrier knows its call is on hold.
/// Only legs the gateway can re-offer on (plain RTP: trunks, UDP phones) get the re-INVITE; a browser is only ever
/// offered to by itself, and its leg keeps relaying whatever the trunk sends.
/// </summary>
public sealed partial class B2bua
{
    private async Task OfferDirectionAsync(ActiveCall call, CallLeg from, string direction)
    {
        if (call.OtherThan(from.Dialog.CallId) is not { Media: RtpMediaLeg media } other)
        {
            return;
        }

        await call.Reoffers.WaitAsync().ConfigureAwait(false);
        try
        {
            var current = call.OfferedDirections.GetValueOrDefault(other, "sendrecv");
            if (current == direction || other.Dialog.State == SipDialogState.Terminated)
            {
                // A session refresh or a repeated hold: nothing changed for the other side.
                return;
            }

            var invite = other.Dialog.CreateRequest(SipMethods.Invite);
            invite.Headers.Add(SipHeaderNames.Contact, $"<{sipStack.CreateContactUri(other.Dialog.Flow.Transport)}>");
            invite.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
            invite.Body = Encoding.UTF8.GetBytes(media.CreateReoffer(direction).ToString());
            var client = await sipStack.SendRequestAsync(invite, other.Dialog.NextHop()).ConfigureAwait(false);
            var final = await client.FinalResponse.ConfigureAwait(false);
            if (!final.IsSuccess)
            {
                // RFC 3261 §14.1: a failed re-INVITE leaves the session as it was.
                return;
            }

            await sipStack.SendAckAsync(other.Dialog.CreateAck(final), other.Dialog.NextHop()).ConfigureAwait(false);
            if (SdpParser.TryParse(Encoding.UTF8.GetString(final.Body.Span), out var answer, out _) && media.TryApplyAnswer(answer!, out _))
            {
                call.OfferedDirections[other] = direction;
            }
        }
        finally
        {
            call.Reoffers.Release();
        }
    }
}
