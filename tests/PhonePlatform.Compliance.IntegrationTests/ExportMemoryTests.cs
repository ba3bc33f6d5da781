using PhonePlatform.Compliance.Exports;
using PhonePlatform.Compliance.IntegrationTests.Support;
using PhonePlatform.Core.Messaging;
using PhonePlatform.Core.Protection;
using PhonePlatform.Crypto;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace PhonePlatform.Compliance.IntegrationTests;

/// <summary>Runs alone: it measures the process's live heap, which parallel tests would add to.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement;

[Collection(nameof(HeapMeasurement))]
public sealed class ExportMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int RecordingBytes = 32 << 20;
    private const int Messages = 2000;
    private const long LiveHeapBound = 16 << 20;
    private HeapSamplingBlobStore sampler = null!;
    private ComplianceStack stack = null!;

    public async Task InitializeAsync() =>
        stack = await ComplianceStack.CreateAsync(wrapStore: inner => sampler = new HeapSamplingBlobStore(inner, "/exports/"));

    public async Task DisposeAsync() => await stack.DisposeAsync();

    /// <summary>
    /// A workspace with a 32 MiB recording and 2,000 messages of 2 KiB exports to an archive far larger than the
    /// bound, while the live heap (full collection every 4 MiB written) stays within 16 MiB of where it started:
    /// holding the recording or the archive would need twice that.
    /// </summary>
    [Fact]
    public async Task LargeWorkspace_Export_LiveHeapStaysBounded()
    {
        var workspace = await SampleWorkspace.CreateAsync(stack, "Large");
        await stack.Get<IWorkspaceBlobs>().StoreAsync(workspace, BlobKind.Recording, "recordings/long-call.wav", new GeneratedStream(RecordingBytes, 7));
        var body = new string('m', 2048);
        for (var batch = 0; batch < Messages / 250; batch++)
        {
            var (scope, db) = stack.Open(workspace);
            await using (scope)
            {
                var number = await db.PhoneNumbers.FirstAsync();
                var conversation = new Conversation { PhoneNumberId = number.Id, Participant = EncryptedText.From($"+1415555{batch:D4}") };
                db.Add(conversation);
                for (var i = 0; i < 250; i++)
                {
                    db.Add(new Message { ConversationId = conversation.Id, Body = EncryptedText.From(body) });
                }

                await db.SaveChangesAsync();
            }
        }

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var size = await stack.Get<WorkspaceArchive>().BuildAsync(workspace, "exports/large.zip", CancellationToken.None);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var growth = sampler.PeakLiveBytes - baseline;
        output.WriteLine($"archive {size / 1048576.0:F1} MiB; live heap peak {growth / 1048576.0:F1} MiB over baseline in {sampler.Samples} samples; allocated {allocated / 1048576.0:F1} MiB ({(double)allocated / size:F2} bytes per archive byte)");
        Assert.True(size > RecordingBytes, $"archive is only {size} bytes");
        Assert.True(sampler.Samples >= 8, $"only {sampler.Samples} samples");
        Assert.True(growth < LiveHeapBound, $"live heap grew {growth} bytes while exporting (bound {LiveHeapBound})");
    }
}
