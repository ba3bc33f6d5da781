namespace PhonePlatform.Gateway.BrowserTests.Infrastructure;

/// <summary>The call test classes share no state but run sequentially (see <see cref="CallFixture.Collection"/>).</summary>
[CollectionDefinition(CallFixture.Collection)]
public sealed class CallCollection;
