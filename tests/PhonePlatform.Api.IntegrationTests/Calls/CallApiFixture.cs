using System.Net;
using System.Net.Http.Json;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Members;
using PhonePlatform.Core.Numbers;

namespace PhonePlatform.Api.IntegrationTests.Calls;

/// <summary>
/// One workspace with two numbers: an owner, a member with use of number 1, a member with view of number 1, and a
/// viewer with view of number 1. Blobs go to a folder of the fixture's own.
/// </summary>
public sealed class CallApiFixture : IAsyncLifetime
{
    public const string Number1 = "+14155550100";
    public const string Number2 = "+14155550101";
    private readonly string blobFolder = Path.Combine(Path.GetTempPath(), "pp-calls-" + Guid.NewGuid().ToString("N"));

    public ApiFactory Factory { get; } = new();

    public Actor Owner { get; private set; } = null!;

    public Actor User { get; private set; } = null!;

    public Actor Watcher { get; private set; } = null!;

    public Actor Viewer { get; private set; } = null!;

    public Guid Number1Id { get; private set; }

    public Guid Number2Id { get; private set; }

    public string BlobFolder => blobFolder;

    public async Task InitializeAsync()
    {
        Factory.Settings["Storage:BlobFolder"] = blobFolder;
        await Factory.InitializeAsync();
        var api = new ApiDriver(Factory);
        Owner = await api.CreateWorkspaceAsync("Calls");
        User = await api.AddMemberAsync(Owner, Role.Member);
        Watcher = await api.AddMemberAsync(Owner, Role.Member);
        Viewer = await api.AddMemberAsync(Owner, Role.Viewer);
        Number1Id = (await ApiDriver.AddNumberAsync(Owner, Number1)).Id;
        Number2Id = (await ApiDriver.AddNumberAsync(Owner, Number2)).Id;
        await GrantAsync(User, NumberAccessLevel.Use);
        await GrantAsync(Watcher, NumberAccessLevel.View);
        await GrantAsync(Viewer, NumberAccessLevel.View);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        if (Directory.Exists(blobFolder))
        {
            Directory.Delete(blobFolder, recursive: true);
        }
    }

    private async Task GrantAsync(Actor actor, NumberAccessLevel level) => await ApiDriver.Expect(
        await Owner.Client.PutAsJsonAsync($"/v1/numbers/{Number1Id}/access/{actor.MembershipId}", new GrantNumberAccessRequest(level), ApiDriver.Json),
        HttpStatusCode.OK);
}
