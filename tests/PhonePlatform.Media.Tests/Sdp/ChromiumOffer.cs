namespace PhonePlatform.Media.Tests.Sdp;

/// <summary>
/// An audio-only offer captured from headless Chromium 156 (Debian 12) on this project's test machine, with
/// audio processing off; only its host candidates' addresses are the machine's (documentation ranges).
/// </summary>
internal static class ChromiumOffer
{
    public const string Text =
        "v=0\r\n" +
        "o=- 6647180849993594624 2 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "t=0 0\r\n" +
        "a=group:BUNDLE 0\r\n" +
        "a=extmap-allow-mixed\r\n" +
        "a=msid-semantic: WMS 9a907df9-cdc9-4fd7-9676-af1b10e4e1c1\r\n" +
        "m=audio 35329 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\n" +
        "c=IN IP4 192.0.2.2\r\n" +
        "a=rtcp:9 IN IP4 0.0.0.0\r\n" +
        "a=candidate:3677238641 1 udp 2122194687 192.0.2.2 35329 typ host generation 0 network-id 1\r\n" +
        "a=candidate:273216657 1 udp 2122265343 fd00::2 35637 typ host generation 0 network-id 2\r\n" +
        "a=candidate:629465573 1 tcp 1518214911 192.0.2.2 9 typ host tcptype active generation 0 network-id 1\r\n" +
        "a=candidate:4007796741 1 tcp 1518285567 fd00::2 9 typ host tcptype active generation 0 network-id 2\r\n" +
        "a=ice-ufrag:MupT\r\n" +
        "a=ice-pwd:JaSZr8e5rMdiJ10iOk7NBwAa\r\n" +
        "a=ice-options:trickle\r\n" +
        "a=fingerprint:sha-256 9C:1B:B1:BE:1A:BB:53:A0:C4:3C:F1:30:D3:78:11:DD:CF:16:12:24:EF:19:87:F1:C3:10:45:41:BB:F3:F9:27\r\n" +
        "a=setup:actpass\r\n" +
        "a=mid:0\r\n" +
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n" +
        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
        "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n" +
        "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n" +
        "a=sendrecv\r\n" +
        "a=msid:9a907df9-cdc9-4fd7-9676-af1b10e4e1c1 fcbebb93-2047-42bc-b440-ec664916f31a\r\n" +
        "a=rtcp-mux\r\n" +
        "a=rtcp-rsize\r\n" +
        "a=rtcp-xr:rcvr-rtt=all\r\n" +
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
        "a=ssrc:1147263368 cname:0JZ/p2QGzkzcrZZt\r\n" +
        "a=ssrc:1147263368 msid:9a907df9-cdc9-4fd7-9676-af1b10e4e1c1 fcbebb93-2047-42bc-b440-ec664916f31a\r\n";
}
