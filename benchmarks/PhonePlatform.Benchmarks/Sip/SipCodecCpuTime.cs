using System.Diagnostics;
using System.Globalization;

namespace PhonePlatform.Benchmarks.Sip;

/// <summary>
/// The <see cref="SipCodecBenchmarks"/> operations timed by the CPU time this process consumed rather than by the wall
/// clock: on a shared, overloaded machine the wall clock measures the scheduler, while CPU time still tells the cost per
/// core. Run with <c>-- --sip-cpu-time</c>.
/// </summary>
internal static class SipCodecCpuTime
{
    private const int Iterations = 300_000;

    public static void Run()
    {
        var benchmarks = new SipCodecBenchmarks();
        benchmarks.Setup();
        Console.WriteLine("| Method | CPU ns/op | Operations per CPU-second | Allocated B/op |");
        Console.WriteLine("|---|---:|---:|---:|");
        Measure(nameof(SipCodecBenchmarks.Parse), () => benchmarks.Parse());
        Measure(nameof(SipCodecBenchmarks.ParseAndValidate), () => benchmarks.ParseAndValidate());
        Measure(nameof(SipCodecBenchmarks.Serialise), () => benchmarks.Serialise());
        Measure(nameof(SipCodecBenchmarks.ParseAndSerialise), () => benchmarks.ParseAndSerialise());
    }

    private static void Measure(string name, Func<object?> operation)
    {
        // Warm up past tiered compilation.
        for (var i = 0; i < Iterations / 2; i++)
        {
            operation();
        }

        using var process = Process.GetCurrentProcess();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < Iterations; i++)
        {
            operation();
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {cpu.TotalNanoseconds / Iterations:F0} | {Iterations / cpu.TotalSeconds:N0} | {allocated} |"));
    }
}
