using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project benchmarks/PhonePlatform.Benchmarks -- --filter '*'
// SIP codec by CPU time (for shared machines): dotnet run -c Release --project benchmarks/PhonePlatform.Benchmarks -- --sip-cpu-time
if (args is ["--sip-cpu-time"])
{
    PhonePlatform.Benchmarks.Sip.SipCodecCpuTime.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
