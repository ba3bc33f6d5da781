namespace PhonePlatform.Media.Tests.Sdp;

/// <summary>An audio-only offer in the shape headless Chromium 156 sends (see the interop notes).</summary>
internal static class ChromiumOffer
{
    public const string Text =
        "v=0\r\n" +
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "t=0 0\r\n" +
        "a=group:BUNDLE 0\r\n" +
        "a=extmap-allow-mixed\r\n" +
        "a=msid-semantic: WMS 5c1b3a8e-1d6b-4f0e-9d39-2b0c5f7a9e11\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\n" +
        "c=IN IP4 0.0.0.0\r\n" +
        "a=rtcp:9 IN IP4 0.0.0.0\r\n" +
        "a=ice-ufrag:Xq9+\r\n" +
        "a=ice-pwd:ku7yxGpT0hbdBqxVdMVdm2Pm\r\n" +
        "a=ice-options:trickle\r\n" +
        "a=fingerprint:sha-256 5E:3A:97:E1:62:D3:21:4F:0B:6E:A8:7C:11:9F:2D:40:83:C6:55:1E:BA:0F:74:D2:39:8A:6B:E0:C4:17:F5:2C\r\n" +
        "a=setup:actpass\r\n" +
        "a=mid:0\r\n" +
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n" +
        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
        "a=sendrecv\r\n" +
        "a=msid:5c1b3a8e-1d6b-4f0e-9d39-2b0c5f7a9e11 0d6c1a3f-2b7e-4c9a-8f15-6e2d9b4a7c30\r\n" +
        "a=rtcp-mux\r\n" +
        "a=rtcp-rsize\r\n" +
        "a=rtpmap:111 opus/48000/2\r\n" +
        "a=rtcp-fb:111 transport-cc\r\n" +
        "a=fmtp:111 minptime=10;useinbandfec=1\r\n" +
        "a=rtpmap:63 red/48000/2\r\n" +
        "a=fmtp:63 111/111\r\n" +
        "a=rtpmap:9 G722/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:13 CN/8000\r\n" +
        "a=rtpmap:110 telephone-event/48000\r\n" +
        "a=rtpmap:126 telephone-event/8000\r\n" +
        "a=ssrc:3735928559 cname:q0Zb8w1fT2hX9kLm\r\n" +
        "a=ssrc:3735928559 msid:5c1b3a8e-1d6b-4f0e-9d39-2b0c5f7a9e11 0d6c1a3f-2b7e-4c9a-8f15-6e2d9b4a7c30\r\n";
}
