namespace PhonePlatform.Sip.Tests.Support;

/// <summary>Requests and responses as a peer would send them.</summary>
public static class Messages
{
    public static string Request(string method, string branch = "z9hG4bKpeer1", uint cseq = 1, string callId = "call-1@192.0.2.10", string? extraHeaders = null, string toTag = "") =>
        $"""
        {method} sip:alice@127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.10:5070;branch={branch}
        Max-Forwards: 70
        From: <sip:bob@example.com>;tag=peer-tag
        To: <sip:alice@example.com>{(toTag.Length > 0 ? ";tag=" + toTag : "")}
        Call-ID: {callId}
        CSeq: {cseq} {method}
        {extraHeaders ?? "User-Agent: test-peer"}
        Content-Length: 0


        """;

    /// <summary>A response to a request the stack sent, with the stack's Via copied.</summary>
    public static SipResponse ResponseTo(SipRequest request, int status, string? toTag = "peer-to")
    {
        var response = SipResponse.Create(request, status, null, toTag);
        return response;
    }
}
