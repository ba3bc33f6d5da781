namespace PhonePlatform.Gateway.IntegrationTests.MultiHost;

/// <summary>
/// A test that builds its own network out of Linux network namespaces: it runs only as root (CI runs the suite as
/// root, which installs its packages with apt-get) and says why it was skipped anywhere else.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class MultiHostFactAttribute : FactAttribute
{
    public MultiHostFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "needs root on Linux to create network namespaces (ip netns)";
        }
    }
}
