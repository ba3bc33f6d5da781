namespace PhonePlatform.Core.Identity;

/// <summary>
/// Passwords of policy-passing length that top public breach lists; refused outright.
/// A deployment with network access can add a k-anonymity range check on top.
/// </summary>
public static class CommonPasswords
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "password12345", "password123!", "Password123!", "Password1234", "Passw0rd1234",
        "qwertyuiop12", "qwertyuiop123", "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc", "123456789abc",
        "abc123456789", "iloveyou1234", "welcome12345", "Welcome123!", "Welcome2024!", "Welcome2025!",
        "Welcome2026!", "Summer2024!!", "Summer2025!!", "Winter2024!!", "Winter2025!!", "letmein12345",
        "administrator", "Administrator1", "Admin123456!", "changeme1234", "Changeme123!", "trustno11234",
        "football1234", "baseball1234", "superman1234", "monkey123456", "dragon123456", "sunshine1234",
        "princess1234", "1234567890ab", "123456789012", "000000000000", "111111111111", "aaaaaaaaaaaa",
        "P@ssw0rd1234", "P@ssword1234", "Qwerty123456", "Qwerty12345!", "zaq12wsxcde3", "asdfghjkl123",
    };

    public static bool Contains(string password) => Known.Contains(password);
}
