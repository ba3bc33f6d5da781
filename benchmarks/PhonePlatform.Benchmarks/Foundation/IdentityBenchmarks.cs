using BenchmarkDotNet.Attributes;
using PhonePlatform.Core.ApiKeys;
using PhonePlatform.Core.Audit;
using PhonePlatform.Core.Identity;
using PhonePlatform.Core.Workspaces;

namespace PhonePlatform.Benchmarks.Foundation;

/// <summary>
/// Cost of the per-request security work: Argon2id at the production cost (one per login), API key verification
/// (one per API request) and an audit chain link (one per audited action and per verified entry).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class IdentityBenchmarks
{
    private readonly PasswordHasher production = new(new PasswordHashingOptions());
    private string productionHash = "";
    private string token = "";
    private string tokenHash = "";
    private readonly AuditEntry entry = new()
    {
        WorkspaceId = Guid.CreateVersion7(),
        Sequence = 42,
        OccurredAt = DateTimeOffset.UnixEpoch,
        Action = AuditAction.RoleChanged,
        ActorUserId = Guid.CreateVersion7(),
        ActorIp = "203.0.113.7",
        TargetType = "membership",
        TargetId = Guid.CreateVersion7().ToString(),
        Details = "role=Member->Admin;billing=False->False",
        PreviousHash = AuditGenesis.Hash,
        Hash = "",
    };

    [GlobalSetup]
    public async Task SetupAsync()
    {
        productionHash = await production.HashAsync("Correct-Horse-7-Battery");
        (token, _, tokenHash) = ApiKeyToken.Create();
    }

    [Benchmark]
    public Task<bool> Argon2id_Verify_64MiB_3Passes() => PasswordHasher.VerifyAsync("Correct-Horse-7-Battery", productionHash);

    [Benchmark]
    public bool ApiKey_Verify() => ApiKeyToken.TryReadPrefix(token, out _) && ApiKeyToken.Matches(token, tokenHash);

    [Benchmark]
    public string AuditChain_ComputeHash() => AuditChain.ComputeHash(entry);
}
