namespace PhonePlatform.Gateway.Calls;

/// <summary>Normalizes the user part of a Request-URI or From to +E.164 (ITU-T E.164: at most 15 digits).</summary>
public static class E164
{
    public static bool TryNormalize(string? user, out string number)
    {
        number = string.Empty;
        if (string.IsNullOrEmpty(user))
        {
            return false;
        }

        var span = user.AsSpan();
        var semicolon = span.IndexOf(';');
        if (semicolon >= 0)
        {
            span = span[..semicolon];
        }

        if (span.StartsWith("+"))
        {
            span = span[1..];
        }

        if (span.Length is < 3 or > 15 || span.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        number = "+" + span.ToString();
        return true;
    }
}
