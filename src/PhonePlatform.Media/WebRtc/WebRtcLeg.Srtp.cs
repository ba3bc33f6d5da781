using System.Net;
using PhonePlatform.Media.Dtls;

namespace PhonePlatform.Media.WebRtc;

// SRTP of the leg: filled in once the SRTP library is merged; until then media is counted and dropped.
public sealed partial class WebRtcLeg
{
    private DtlsSrtpKeys? srtpKeys;

    private void OnKeys(DtlsSrtpKeys keys) => srtpKeys = keys;

    private void HandleSrtp(byte[] buffer, int length, IPEndPoint source)
    {
        _ = buffer;
        _ = length;
        _ = source;
        Counters.CountRtpDropped();
    }

    private void DisposeSrtp() => srtpKeys = null;
}
