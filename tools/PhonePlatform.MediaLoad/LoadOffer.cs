namespace PhonePlatform.MediaLoad;

/// <summary>A minimal offer in Chromium's shape (see /work/shared/notes/webrtc-interop.md) for one load-test call.</summary>
internal static class LoadOffer
{
    public static string Create(string ufrag, string password, string fingerprint) =>
        "v=0\r\n" +
        "o=- 1 1 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "t=0 0\r\n" +
        "a=group:BUNDLE 0\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 0 126\r\n" +
        "c=IN IP4 127.0.0.1\r\n" +
        "a=ice-ufrag:" + ufrag + "\r\n" +
        "a=ice-pwd:" + password + "\r\n" +
        "a=fingerprint:" + fingerprint + "\r\n" +
        "a=setup:actpass\r\n" +
        "a=mid:0\r\n" +
        "a=sendrecv\r\n" +
        "a=rtcp-mux\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:126 telephone-event/8000\r\n";
}
