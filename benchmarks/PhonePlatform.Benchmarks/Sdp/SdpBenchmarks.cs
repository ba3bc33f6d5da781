using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using PhonePlatform.Media.Ice;
using PhonePlatform.Media.Sdp;
using PhonePlatform.Media.Tests.Sdp;

namespace PhonePlatform.Benchmarks.Sdp;

/// <summary>
/// SDP of a call setup: parse Chromium's audio offer (the captured one the media tests use) and answer it as the
/// gateway does. Baseline: decoding the same UTF-8 bytes and splitting them into lines, the least any text parser does.
/// </summary>
[MemoryDiagnoser]
public class SdpBenchmarks
{
    private static readonly WebRtcLocalDescription Local = new()
    {
        Address = IPAddress.Parse("192.0.2.5"),
        Port = 40_000,
        Ice = new IceCredentials("AbCd1234", "abcdefghijklmnopqrstuvwx"),
        Fingerprint = "sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32)),
        SessionId = "42",
    };

    private readonly byte[] offerBytes = Encoding.UTF8.GetBytes(ChromiumOffer.Text);
    private SdpSession offer = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!SdpParser.TryParse(ChromiumOffer.Text, out var parsed, out var error))
        {
            throw new InvalidOperationException(error);
        }

        offer = parsed!;
    }

    [Benchmark(Baseline = true)]
    public int DecodeAndSplitLines()
    {
        var text = Encoding.UTF8.GetString(offerBytes);
        var lines = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lines += line.Length > 0 ? 1 : 0;
        }

        return lines;
    }

    [Benchmark]
    public SdpSession? Parse()
    {
        return SdpParser.TryParse(Encoding.UTF8.GetString(offerBytes), out var session, out _) ? session : null;
    }

    [Benchmark]
    public string? Answer()
    {
        return SdpAnswerer.TryAnswerWebRtc(offer, Local, out var answer, out _, out _) ? answer!.ToString() : null;
    }
}
