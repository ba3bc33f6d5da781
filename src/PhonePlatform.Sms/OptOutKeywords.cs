namespace PhonePlatform.Sms;

/// <summary>What an inbound message asks for, by its single keyword (CTIA / carrier practice).</summary>
public enum KeywordIntent
{
    None,
    OptOut,
    OptIn,
    Help,
}

/// <summary>Recognises STOP/START/HELP keywords: the whole message, trimmed, case-insensitive.</summary>
public static class OptOutKeywords
{
    private static readonly HashSet<string> OptOut = new(StringComparer.OrdinalIgnoreCase) { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET" };
    private static readonly HashSet<string> OptIn = new(StringComparer.OrdinalIgnoreCase) { "START", "UNSTOP" };

    public static KeywordIntent Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = text.Trim().TrimEnd('.', '!');
        if (OptOut.Contains(word))
        {
            return KeywordIntent.OptOut;
        }

        if (OptIn.Contains(word))
        {
            return KeywordIntent.OptIn;
        }

        return string.Equals(word, "HELP", StringComparison.OrdinalIgnoreCase) ? KeywordIntent.Help : KeywordIntent.None;
    }
}
