using System.Globalization;

namespace PhonePlatform.MediaLoad;

/// <summary>The relay process's answer to <c>stats</c>.</summary>
internal sealed record RelayStats(
    double CpuMilliseconds, long LegReceived, long LegDropped, long SentToTrunk, long TrunkReceived, long SentToBrowser, long RelayDropped)
{
    public static RelayStats Parse(string line)
    {
        var p = line.Split(' ');
        long L(int i) => long.Parse(p[i], CultureInfo.InvariantCulture);
        return new RelayStats(double.Parse(p[1], CultureInfo.InvariantCulture), L(2), L(3), L(4), L(5), L(6), L(7));
    }
}
