namespace PhonePlatform.Crypto;

/// <summary>What a catalogued workspace blob holds; retention policies and exports select blobs by kind.</summary>
public enum BlobKind
{
    Other = 0,
    Recording = 1,
    Voicemail = 2,
    Export = 3,
    MessageMedia = 4,
}
