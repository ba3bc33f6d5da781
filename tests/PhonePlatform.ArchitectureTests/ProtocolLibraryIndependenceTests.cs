using System.Reflection;

namespace PhonePlatform.ArchitectureTests;

/// <summary>
/// The protocol libraries stand alone: they reference nothing else of the solution and nothing of ASP.NET Core,
/// so only the gateway composes them.
/// </summary>
public sealed class ProtocolLibraryIndependenceTests
{
    public static TheoryData<string> ProtocolLibraries => new() { "PhonePlatform.Sip", "PhonePlatform.Media", "PhonePlatform.Smpp" };

    [Theory]
    [MemberData(nameof(ProtocolLibraries))]
    public void ProtocolLibrary_ReferencesNoOtherProjectAndNoAspNetCore(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);

        var offending = assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? string.Empty)
            .Where(name => name.StartsWith("PhonePlatform.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offending);
    }
}
