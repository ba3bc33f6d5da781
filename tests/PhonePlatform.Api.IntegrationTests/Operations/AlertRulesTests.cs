using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Api.IntegrationTests.Infrastructure;
using PhonePlatform.Core.Observability;
using YamlDotNet.RepresentationModel;

namespace PhonePlatform.Api.IntegrationTests.Operations;

/// <summary>deploy/prometheus/alerts.yml parses, every rule is complete, and every metric it names is one /metrics exports.</summary>
public sealed partial class AlertRulesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AlertRules_EveryExpression_NamesOnlyExportedPlatformMetrics()
    {
        var rules = LoadRules();
        var metrics = factory.Services.GetRequiredService<PlatformMetrics>();
        using var call = metrics.CallStarted();
        metrics.CallSetupFailed("no-route");
        metrics.SmsQueueObserved(1, TimeSpan.FromSeconds(1));
        metrics.WebhookDeliveryFailed("timeout");
        metrics.KeyProviderCall("local", "wrap", TimeSpan.FromMilliseconds(2), succeeded: true);
        metrics.RestoreTestCompleted(true, factory.Time.GetUtcNow());
        var exported = await ExportedMetrics.ScrapeAsync(factory.CreateHttpsClient());

        Assert.True(rules.Count >= 8);
        foreach (var (alert, expr) in rules)
        {
            var named = MetricName().Matches(expr).Select(m => m.Value).ToList();
            Assert.True(named.Count > 0, $"{alert}: names no platform metric");
            Assert.All(named, name => Assert.True(exported.Contains(name), $"{alert}: {name} is not exported"));
        }
    }

    private static List<(string Alert, string Expr)> LoadRules()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot(), "deploy", "prometheus", "alerts.yml")))
        {
            yaml.Load(reader);
        }

        var rules = new List<(string, string)>();
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (YamlMappingNode group in (YamlSequenceNode)root["groups"])
        {
            foreach (YamlMappingNode rule in (YamlSequenceNode)group["rules"])
            {
                var alert = ((YamlScalarNode)rule["alert"]).Value!;
                Assert.Contains(((YamlScalarNode)((YamlMappingNode)rule["labels"])["severity"]).Value, new[] { "page", "warning" });
                Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)((YamlMappingNode)rule["annotations"])["summary"]).Value), alert);
                rules.Add((alert, ((YamlScalarNode)rule["expr"]).Value!));
            }
        }

        return rules;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PhonePlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PhonePlatform.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"\bphoneplatform_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
