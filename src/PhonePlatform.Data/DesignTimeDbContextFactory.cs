using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PhonePlatform.Data;

/// <summary>Builds the context for migration scaffolding; no connection is opened.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PhonePlatformDbContext>
{
    public PhonePlatformDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PhonePlatformDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=phoneplatform_design")
            .Options;
        return new PhonePlatformDbContext(options, NoTenant.Instance);
    }
}
