namespace PhonePlatform.Crypto.Tests;

public sealed class CryptoLibraryDependencyTests
{
    [Fact]
    public void CryptoAssembly_ReferencesNoEfCoreNoAspNetCoreNoOtherProject()
    {
        var offending = typeof(FieldCipher).Assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? string.Empty)
            .Where(name => name.StartsWith("PhonePlatform.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offending);
    }
}
