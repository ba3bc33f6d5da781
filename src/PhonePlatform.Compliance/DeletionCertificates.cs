using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PhonePlatform.Core.Compliance;

namespace PhonePlatform.Compliance;

/// <summary>
/// Issues and verifies deletion certificates: the statement as JSON (camelCase, fixed member order) and the
/// SHA-256 of exactly those bytes, so anyone holding the document can check it was not altered since issue.
/// </summary>
public static class DeletionCertificates
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static DeletionCertificate Issue(DeletionStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var document = JsonSerializer.Serialize(statement, Json);
        return new DeletionCertificate
        {
            Id = statement.CertificateId,
            WorkspaceId = statement.WorkspaceId,
            IssuedAt = statement.PurgeCompletedAt,
            Document = document,
            Sha256 = Hash(document),
        };
    }

    /// <summary>True when <paramref name="certificate"/>'s document still hashes to its recorded SHA-256.</summary>
    public static bool Verify(DeletionCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(certificate.Document)),
            Encoding.ASCII.GetBytes(certificate.Sha256));
    }

    public static DeletionStatement Read(DeletionCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return JsonSerializer.Deserialize<DeletionStatement>(certificate.Document, Json)
            ?? throw new InvalidOperationException("Empty deletion certificate.");
    }

    private static string Hash(string document) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
