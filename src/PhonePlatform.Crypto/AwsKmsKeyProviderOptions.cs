namespace PhonePlatform.Crypto;

/// <summary>Options of the <c>aws-kms</c> key provider.</summary>
public sealed class AwsKmsKeyProviderOptions
{
    /// <summary>KMS key id, ARN, or alias (<c>alias/phoneplatform</c>) of the symmetric master key.</summary>
    public string KeyId { get; set; } = string.Empty;

    /// <summary>AWS region, e.g. <c>eu-central-1</c>; also the signing region when <see cref="ServiceUrl"/> is set.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Endpoint override (a VPC endpoint, LocalStack, a test server); null for the region's public endpoint.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Static credentials; when null the SDK's default chain (environment, profile, instance role) is used.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public override string ToString() => $"AwsKmsKeyProviderOptions(KeyId={KeyId}, Region={Region}, ServiceUrl={ServiceUrl}, credentials redacted)";
}
