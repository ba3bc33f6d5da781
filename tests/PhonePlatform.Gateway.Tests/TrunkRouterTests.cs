using PhonePlatform.Gateway.Calls;
using PhonePlatform.Sip.Trunks;

namespace PhonePlatform.Gateway.Tests;

public sealed class TrunkRouterTests
{
    private static readonly SipTrunk Cheap = new() { Name = "cheap", Host = "192.0.2.1" };
    private static readonly SipTrunk Premium = new() { Name = "premium", Host = "192.0.2.2" };
    private static readonly SipTrunk German = new() { Name = "german", Host = "192.0.2.3" };

    private static readonly TrunkRoute[] Routes =
    [
        new(Premium, "+", Priority: 2, CostPerMinute: 0.02m),
        new(Cheap, "+", Priority: 1, CostPerMinute: 0.01m),
        new(German, "+49", Priority: 5, CostPerMinute: 0.05m),
    ];

    [Fact]
    public void Candidates_AllHealthy_MostSpecificPrefixThenPriority()
    {
        var router = new TrunkRouter(Routes, _ => true);

        Assert.Equal(["german", "cheap", "premium"], router.Candidates("+4930123456").Select(t => t.Name));
        Assert.Equal(["cheap", "premium"], router.Candidates("+15551234567").Select(t => t.Name));
    }

    [Fact]
    public void Candidates_PreferredTrunkUnhealthy_TriedLast()
    {
        var router = new TrunkRouter(Routes, t => t != Cheap);

        Assert.Equal(["premium", "cheap"], router.Candidates("+15551234567").Select(t => t.Name));
    }

    [Fact]
    public void Candidates_NoRouteForPrefix_Empty()
    {
        var router = new TrunkRouter([new TrunkRoute(German, "+49", 1, 0.01m)], _ => true);

        Assert.Empty(router.Candidates("+15551234567"));
    }

    [Fact]
    public void Candidates_WorkspaceTrunk_OnlyForItsWorkspaceAndBeforePlatformCarriers()
    {
        var workspace = Guid.NewGuid();
        var byoc = new SipTrunk { Name = "own", Id = "own-1", Host = "198.51.100.1" };
        var router = new TrunkRouter([.. Routes, new TrunkRoute(byoc, "", Priority: 9, CostPerMinute: 0.5m, workspace)], _ => true);

        Assert.Equal(["own", "cheap", "premium"], router.Candidates(workspace, "+15551234567").Select(t => t.Name));
        Assert.Equal(["cheap", "premium"], router.Candidates(Guid.NewGuid(), "+15551234567").Select(t => t.Name));
        Assert.Equal(workspace, router.OwnerOf(byoc));
        Assert.Null(router.OwnerOf(Cheap));
    }

    [Fact]
    public void Candidates_TrunkFailingItsRecentCalls_TriedLastUntilACallSucceeds()
    {
        var router = new TrunkRouter(Routes, _ => true);
        for (var i = 0; i < TrunkCallStatistics.FailuresBeforeFailing; i++)
        {
            router.Statistics.Begin(Cheap).Complete(503);
        }

        Assert.False(router.IsHealthy(Cheap));
        Assert.Equal(["premium", "cheap"], router.Candidates("+15551234567").Select(t => t.Name));

        router.Statistics.Begin(Cheap).Complete(200);

        Assert.True(router.IsHealthy(Cheap));
        Assert.Equal(["cheap", "premium"], router.Candidates("+15551234567").Select(t => t.Name));
    }

    [Fact]
    public void Replace_NewRoutesApplyToTheNextCall()
    {
        var router = new TrunkRouter(Routes, _ => true);

        router.Replace([new TrunkRoute(German, "", 1, 0.01m)]);

        Assert.Equal(["german"], router.Candidates("+15551234567").Select(t => t.Name));
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(500, true)]
    [InlineData(486, false)]
    [InlineData(404, false)]
    [InlineData(603, false)]
    public void ShouldFailOver_StatusCode_OnlyForCarrierFailures(int status, bool expected) =>
        Assert.Equal(expected, TrunkRouter.ShouldFailOver(status));
}
