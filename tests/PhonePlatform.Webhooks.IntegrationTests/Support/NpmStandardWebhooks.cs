using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace PhonePlatform.Webhooks.IntegrationTests.Support;

/// <summary>
/// Runs the npm <c>standardwebhooks</c> library (tests/webhook-verifier, installed by deploy/test-deps/80-webhooks.sh)
/// on a received request: the reference implementation of the spec, as an integrator would use it.
/// </summary>
internal static class NpmStandardWebhooks
{
    public static async Task<(bool Verified, string Output)> VerifyAsync(string secret, ReceivedWebhook request, DateTimeOffset now)
    {
        var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../webhook-verifier"));
        var start = new ProcessStartInfo("node", Path.Combine(folder, "verify.js"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder,
        };
        using var node = Process.Start(start)!;
        var input = JsonSerializer.Serialize(new
        {
            secret,
            headers = new Dictionary<string, string>
            {
                ["webhook-id"] = request.Id,
                ["webhook-timestamp"] = request.Timestamp,
                ["webhook-signature"] = request.Signature,
            },
            body = Encoding.UTF8.GetString(request.Body),
            now = now.ToUnixTimeSeconds(),
        });
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (node.ExitCode == 0, output);
    }
}
