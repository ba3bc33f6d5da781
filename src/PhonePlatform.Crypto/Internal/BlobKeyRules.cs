namespace PhonePlatform.Crypto.Internal;

/// <summary>
/// Blob keys are portable relative paths: segments of <c>[A-Za-z0-9._=-]</c> that do not start with '.', joined by
/// '/'. That rules out traversal ("..", absolute paths, backslashes, drive letters), hidden files (the local store's
/// temporary files start with '.'), and anything S3 or a file system would treat differently.
/// </summary>
internal static class BlobKeyRules
{
    public const int MaxLength = 1024;

    public static void Validate(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException(
                "Blob keys are '/'-separated segments of letters, digits, '.', '_', '=', '-', not starting with '.', at most 1024 characters.",
                nameof(key));
        }
    }

    /// <summary>Prefixes follow the same rules, except that they may be empty or end with '/' or mid-segment.</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return;
        }

        var probe = prefix.EndsWith('/') ? prefix + "x" : prefix;
        if (!IsValid(probe))
        {
            throw new ArgumentException("Blob key prefix is not a valid key start.", nameof(prefix));
        }
    }

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        var segmentStart = true;
        foreach (var c in key)
        {
            if (c == '/')
            {
                if (segmentStart)
                {
                    return false;
                }

                segmentStart = true;
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '=' or '-') || (segmentStart && c == '.'))
            {
                return false;
            }

            segmentStart = false;
        }

        return !segmentStart;
    }
}
