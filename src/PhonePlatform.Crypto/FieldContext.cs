namespace PhonePlatform.Crypto;

/// <summary>
/// Where an encrypted value lives: entity type, record id and field name. Bound to the ciphertext as associated
/// data (with the workspace id), so a ciphertext copied to another row, column or workspace fails to decrypt.
/// </summary>
public readonly record struct FieldContext(string Entity, string RecordId, string Field)
{
    public override string ToString() => $"{Entity}/{RecordId}/{Field}";
}
