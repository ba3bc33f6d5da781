namespace PhonePlatform.Core.Protection;

/// <summary>How a blind-indexed value is normalised before hashing.</summary>
public enum BlindIndexKind
{
    /// <summary>An E.164 number (<c>+</c> and 2–15 digits), hashed unchanged.</summary>
    PhoneNumber,

    /// <summary>An e-mail address, trimmed and lower-cased.</summary>
    Email,
}
