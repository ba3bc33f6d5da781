using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PhonePlatform.Crypto.Tests.Support;

/// <summary>
/// A minimal AWS KMS endpoint on loopback for the two calls the provider makes, speaking the KMS JSON 1.1 protocol
/// (<c>X-Amz-Target: TrentService.GenerateDataKey</c> / <c>TrentService.Decrypt</c>, base64 blobs). It really
/// encrypts: ciphertext blobs are AES-256-GCM under the server's own master key with the canonical encryption
/// context as associated data, so a wrong context, a damaged blob or another key fails the way KMS fails
/// (<c>InvalidCiphertextException</c>, <c>IncorrectKeyException</c>). Signatures are required but not verified.
/// </summary>
public sealed class LocalKmsServer : IAsyncDisposable
{
    public const string Alias = "alias/phoneplatform-test";

    private readonly HttpListener listener = new();
    private readonly byte[] masterKey = RandomNumberGenerator.GetBytes(32);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public LocalKmsServer()
    {
        KeyArn = $"arn:aws:kms:us-east-1:000000000000:key/{Guid.NewGuid()}";
        for (var attempt = 0; ; attempt++)
        {
            var port = FreeLoopbackPort();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                ServiceUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between probing and binding; try another.
            }
        }

        loop = Task.Run(ServeAsync);
    }

    public Uri ServiceUrl { get; private set; } = null!;

    public string KeyArn { get; }

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public AwsKmsKeyProviderOptions ProviderOptions(string? keyId = null) => new()
    {
        KeyId = keyId ?? Alias,
        Region = "us-east-1",
        ServiceUrl = ServiceUrl,
        AccessKeyId = "AKIDLOCALTEST",
        SecretAccessKey = "local-test-secret",
    };

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (ObjectDisposedException)
        {
        }

        listener.Close();
        stopping.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string CanonicalContext(JsonNode? context)
    {
        IEnumerable<string> pairs = context is JsonObject obj
            ? obj.Select(p => $"{p.Key}={p.Value?.GetValue<string>()}").Order(StringComparer.Ordinal)
            : [];
        return string.Join('\n', pairs);
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var (status, body) = Dispatch(context.Request);
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        if (status != 200)
        {
            context.Response.AddHeader("x-amzn-ErrorType", body["__type"]!.GetValue<string>());
        }

        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private (int Status, JsonObject Body) Dispatch(HttpListenerRequest request)
    {
        var target = request.Headers["X-Amz-Target"] ?? string.Empty;
        Calls.AddOrUpdate(target, 1, (_, n) => n + 1);
        if (request.HttpMethod != "POST" || request.Headers["Authorization"]?.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal) != true)
        {
            return Error("MissingAuthenticationTokenException", "Request is not signed.");
        }

        JsonObject input;
        try
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            input = JsonNode.Parse(reader.ReadToEnd()) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return Error("SerializationException", "Body is not JSON.");
        }

        return target switch
        {
            "TrentService.GenerateDataKey" => GenerateDataKey(input),
            "TrentService.Decrypt" => Decrypt(input),
            _ => Error("UnknownOperationException", $"Unsupported operation '{target}'."),
        };
    }

    private (int, JsonObject) GenerateDataKey(JsonObject input)
    {
        if (!IsOurKey(input["KeyId"]?.GetValue<string>()))
        {
            return Error("NotFoundException", "Key not found.");
        }

        if (input["KeySpec"]?.GetValue<string>() != "AES_256")
        {
            return Error("ValidationException", "Only KeySpec AES_256 is supported here.");
        }

        var plaintext = RandomNumberGenerator.GetBytes(32);
        var arn = Encoding.UTF8.GetBytes(KeyArn);
        var blob = new byte[1 + arn.Length + 12 + 32 + 16];
        blob[0] = (byte)arn.Length;
        arn.CopyTo(blob, 1);
        var nonce = blob.AsSpan(1 + arn.Length, 12);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(masterKey, 16))
        {
            aes.Encrypt(nonce, plaintext, blob.AsSpan(1 + arn.Length + 12, 32), blob.AsSpan(blob.Length - 16), AssociatedData(input));
        }

        return (200, new JsonObject
        {
            ["KeyId"] = KeyArn,
            ["CiphertextBlob"] = Convert.ToBase64String(blob),
            ["Plaintext"] = Convert.ToBase64String(plaintext),
        });
    }

    private (int, JsonObject) Decrypt(JsonObject input)
    {
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(input["CiphertextBlob"]?.GetValue<string>() ?? string.Empty);
        }
        catch (FormatException)
        {
            return Error("InvalidCiphertextException", "Ciphertext is not base64.");
        }

        if (blob.Length < 1 + 12 + 16 || blob.Length != 1 + blob[0] + 12 + 32 + 16)
        {
            return Error("InvalidCiphertextException", "Ciphertext is malformed.");
        }

        var arn = Encoding.UTF8.GetString(blob, 1, blob[0]);
        if (arn != KeyArn)
        {
            return Error("InvalidCiphertextException", "Ciphertext was not made under a key of this account.");
        }

        if (input["KeyId"]?.GetValue<string>() is { } keyId && !IsOurKey(keyId))
        {
            return Error("IncorrectKeyException", "The ciphertext was made under another key.");
        }

        var plaintext = new byte[32];
        try
        {
            using var aes = new AesGcm(masterKey, 16);
            aes.Decrypt(blob.AsSpan(1 + blob[0], 12), blob.AsSpan(1 + blob[0] + 12, 32), blob.AsSpan(blob.Length - 16), plaintext, AssociatedData(input));
        }
        catch (AuthenticationTagMismatchException)
        {
            return Error("InvalidCiphertextException", "Decryption failed (ciphertext or encryption context mismatch).");
        }

        return (200, new JsonObject
        {
            ["KeyId"] = KeyArn,
            ["Plaintext"] = Convert.ToBase64String(plaintext),
            ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        });
    }

    private byte[] AssociatedData(JsonObject input) =>
        Encoding.UTF8.GetBytes(KeyArn + "\n" + CanonicalContext(input["EncryptionContext"]));

    private bool IsOurKey(string? keyId) => keyId == Alias || keyId == KeyArn;

    private static (int, JsonObject) Error(string type, string message) =>
        (400, new JsonObject { ["__type"] = type, ["message"] = message });
}
