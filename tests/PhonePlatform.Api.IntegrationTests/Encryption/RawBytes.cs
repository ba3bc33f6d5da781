using System.Text;

namespace PhonePlatform.Api.IntegrationTests.Encryption;

/// <summary>Greps every file under a folder for a byte pattern, the way an attacker with the disk would.</summary>
internal static class RawBytes
{
    public static async Task<List<string>> FilesContainingAsync(string root, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            if (bytes.AsSpan().IndexOf(needle) >= 0)
            {
                hits.Add(file);
            }
        }

        return hits;
    }

    public static int FileCount(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count();

    /// <summary>A recognisable plaintext of <paramref name="size"/> bytes that spans many blob chunks.</summary>
    public static byte[] KnownPlaintext(string marker, int size)
    {
        var unit = Encoding.UTF8.GetBytes(marker + " ");
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = unit[i % unit.Length];
        }

        return bytes;
    }
}
