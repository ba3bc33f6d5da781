using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PhonePlatform.Api.IntegrationTests.Support;
using PhonePlatform.Api.Sip;
using PhonePlatform.Data;
using PhonePlatform.Data.Sip;
using PhonePlatform.Sip;
using PhonePlatform.Sip.Registrar;
using PhonePlatform.Sip.Transports;

namespace PhonePlatform.Api.IntegrationTests.Sip;

/// <summary>The registrar's bindings in real PostgreSQL: devices per user, refresh, expiry, unregister, tenancy.</summary>
public sealed class PostgresLocationServiceTests : IAsyncLifetime
{
    private const string Realm = "phoneplatform";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private DataStack stack = null!;
    private PostgresLocationService locations = null!;

    public async Task InitializeAsync()
    {
        stack = await DataStack.CreateAsync();
        locations = NewService("node-a");
    }

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task SeveralDevicesOfOneUser_AreAllReturned_WithTheirFlowAndNode()
    {
        var aor = await NewUserAsync();
        await locations.SaveAsync(Binding(aor, "laptop", connection: 1), default);
        await locations.SaveAsync(Binding(aor, "phone", connection: 2), default);

        var bindings = await locations.GetBindingsAsync(aor, default);

        Assert.Equal(["laptop", "phone"], bindings.Select(b => b.Contact.Uri.User).Order());
        var laptop = bindings.Single(b => b.Contact.Uri.User == "laptop");
        Assert.Equal(new SipEndPoint(SipTransportKind.SecureWebSocket, IPEndPoint.Parse("198.51.100.7:50001"), 1), laptop.Flow);
        Assert.Equal("node-a", laptop.NodeId);
        Assert.Equal("\"<urn:uuid:laptop>\"", laptop.InstanceId);
        Assert.Equal("1", laptop.RegId);
        Assert.Equal("JsSIP 3.10", laptop.UserAgent);
        Assert.Equal(clock.GetUtcNow().AddSeconds(600), laptop.ExpiresAt);
    }

    [Fact]
    public async Task ReRegister_RefreshesTheDeviceInsteadOfAddingOne()
    {
        var aor = await NewUserAsync();
        await locations.SaveAsync(Binding(aor, "laptop", connection: 1, cseq: 1), default);
        clock.Advance(TimeSpan.FromSeconds(300));
        // Same instance, new flow (the browser reconnected) and later expiry.
        await locations.SaveAsync(Binding(aor, "laptop", connection: 7, cseq: 2), default);

        var binding = Assert.Single(await locations.GetBindingsAsync(aor, default));
        Assert.Equal(7, binding.Flow.ConnectionId);
        Assert.Equal(2u, binding.CSeq);
        Assert.Equal(clock.GetUtcNow().AddSeconds(600), binding.ExpiresAt);
        Assert.Equal(1, await CountRowsAsync());
    }

    [Fact]
    public async Task ExpiredBindings_AreIgnored_AndSwept()
    {
        var aor = await NewUserAsync();
        await locations.SaveAsync(Binding(aor, "laptop", connection: 1, seconds: 60), default);
        await locations.SaveAsync(Binding(aor, "phone", connection: 2, seconds: 600), default);
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(["phone"], (await locations.GetBindingsAsync(aor, default)).Select(b => b.Contact.Uri.User));
        Assert.Equal(2, await CountRowsAsync());

        Assert.Equal(1, await locations.SweepExpiredAsync(default));
        Assert.Equal(1, await CountRowsAsync());
    }

    [Fact]
    public async Task Unregister_OneDevice_WithExpiresZero_KeepsTheOthers()
    {
        var aor = await NewUserAsync();
        await locations.SaveAsync(Binding(aor, "laptop", connection: 1), default);
        await locations.SaveAsync(Binding(aor, "phone", connection: 2), default);

        await locations.RemoveAsync(Binding(aor, "laptop", connection: 1, seconds: 0), default);

        Assert.Equal(["phone"], (await locations.GetBindingsAsync(aor, default)).Select(b => b.Contact.Uri.User));
    }

    [Fact]
    public async Task Unregister_Wildcard_RemovesEveryDeviceOfThatUserOnly()
    {
        var aor = await NewUserAsync();
        var colleague = await NewUserAsync();
        await locations.SaveAsync(Binding(aor, "laptop", connection: 1), default);
        await locations.SaveAsync(Binding(aor, "phone", connection: 2), default);
        await locations.SaveAsync(Binding(colleague, "desk", connection: 3), default);

        await locations.RemoveAllAsync(aor, default);

        Assert.Empty(await locations.GetBindingsAsync(aor, default));
        Assert.Single(await locations.GetBindingsAsync(colleague, default));
    }

    [Fact]
    public async Task ContactsWithoutInstanceId_AreMatchedByUri()
    {
        var aor = await NewUserAsync();
        var contact = SipNameAddress.Parse("<sip:alice@192.0.2.10:5060;transport=tcp>");
        var flow = new SipEndPoint(SipTransportKind.Tcp, IPEndPoint.Parse("192.0.2.10:40000"), 4);
        await locations.SaveAsync(new SipBinding(aor, contact, clock.GetUtcNow().AddSeconds(60), "c1", 1, flow), default);
        await locations.SaveAsync(new SipBinding(aor, SipNameAddress.Parse("<sip:alice@192.0.2.10:5060;transport=TCP>"),
            clock.GetUtcNow().AddSeconds(120), "c1", 2, flow), default);

        var binding = Assert.Single(await locations.GetBindingsAsync(aor, default));
        Assert.Equal(2u, binding.CSeq);
    }

    [Fact]
    public async Task Bindings_AreConfinedToTheOwnersWorkspace()
    {
        var aor = await NewUserAsync();
        var (workspaceId, _) = Owner(aor);
        var other = await NewUserAsync();
        await locations.SaveAsync(Binding(aor, "laptop", connection: 1), default);

        // The row carries the owner's workspace and is invisible from any other workspace.
        var (scope, db) = stack.Open(Owner(other).WorkspaceId);
        await using (scope)
        {
            Assert.Equal(0, await db.SipRegistrations.CountAsync());
        }

        (scope, db) = stack.Open(workspaceId);
        await using (scope)
        {
            var row = await db.SipRegistrations.SingleAsync();
            Assert.Equal(Owner(aor).UserId, row.UserId);
        }

        // An address that names no workspace user has no bindings and cannot get any.
        const string stranger = "sip:alice@" + Realm;
        Assert.Empty(await locations.GetBindingsAsync(stranger, default));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await locations.SaveAsync(Binding(stranger, "x", 1), default));
    }

    [Fact]
    public async Task AnotherNode_SeesTheBinding_AndWhichNodeHoldsTheFlow()
    {
        var aor = await NewUserAsync();
        await locations.SaveAsync(Binding(aor, "laptop", connection: 1), default);

        var onNodeB = await NewService("node-b").GetBindingsAsync(aor, default);

        Assert.Equal("node-a", Assert.Single(onNodeB).NodeId);
    }

    private PostgresLocationService NewService(string nodeId) =>
        new(stack.Services.GetRequiredService<IServiceScopeFactory>(), new SipUsernameOwners(), new PostgresLocationOptions { NodeId = nodeId }, clock);

    private SipBinding Binding(string aor, string device, long connection, uint cseq = 1, int seconds = 600)
    {
        var contact = SipNameAddress.Parse($"<sip:{device}@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:uuid:{device}>\";reg-id=1;expires={seconds}");
        var flow = new SipEndPoint(SipTransportKind.SecureWebSocket, new IPEndPoint(IPAddress.Parse("198.51.100.7"), 50000 + (int)connection), connection);
        return new SipBinding(aor, contact, clock.GetUtcNow().AddSeconds(seconds), "call-" + device, cseq, flow,
            contact.Parameters.Get("+sip.instance"), contact.Parameters.Get("reg-id"), "JsSIP 3.10");
    }

    private async Task<string> NewUserAsync()
    {
        var workspaceId = await Workspaces.CreateAsync(stack);
        return $"sip:{SipUsernames.For(workspaceId, Guid.NewGuid())}@{Realm}";
    }

    private static (Guid WorkspaceId, Guid UserId) Owner(string aor) =>
        new SipUsernameOwners().TryGetOwner(aor, out var workspaceId, out var userId) ? (workspaceId, userId) : throw new ArgumentException(aor);

    private async Task<int> CountRowsAsync()
    {
        await using var scope = stack.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>().SipRegistrations.IgnoreQueryFilters().CountAsync();
    }
}
