namespace PhonePlatform.Sip.Protection;

/// <summary>Recognises well-known SIP scanners by User-Agent (or Server) so they can be ignored without an answer.</summary>
public sealed class ScannerDetector(SipProtectionOptions options)
{
    public bool IsScanner(SipMessage message)
    {
        var agent = message.UserAgent;
        if (string.IsNullOrEmpty(agent))
        {
            return false;
        }

        foreach (var signature in options.ScannerUserAgents)
        {
            if (agent.Contains(signature, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
