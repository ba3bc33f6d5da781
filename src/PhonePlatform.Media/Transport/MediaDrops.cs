namespace PhonePlatform.Media.Transport;

/// <summary>Why a media datagram was dropped (process-wide, see <see cref="MediaDrops"/>).</summary>
public enum MediaDropReason
{
    /// <summary>Not a packet of any protocol the port carries, or a truncated/inconsistent one.</summary>
    Malformed,

    /// <summary>SRTP/SRTCP whose authentication tag did not verify (RFC 3711 §3.3 step 5, RFC 7714 §9.3).</summary>
    AuthenticationFailure,

    /// <summary>SRTP/SRTCP already received or older than the replay window (RFC 3711 §3.3.2).</summary>
    Replay,

    /// <summary>On a shared port: no leg owns the source address (and it was not a check for a known ufrag).</summary>
    NoRoute,

    /// <summary>DTLS or SRTP from an address that has not passed an ICE check.</summary>
    UnverifiedSource,

    /// <summary>Anything else (a stream beyond the session's bound).</summary>
    Other,
}

/// <summary>
/// Counts of dropped media datagrams in this process by <see cref="MediaDropReason"/>, for the host's metrics
/// (legs keep their own <see cref="MediaCounters"/> too). Drops are rare, so one set of counters is enough.
/// </summary>
public static class MediaDrops
{
    private static readonly long[] Counts = new long[Enum.GetValues<MediaDropReason>().Length];

    /// <summary>Every reason with its metric label (<c>authentication_failure</c>, <c>no_route</c>...).</summary>
    public static IReadOnlyList<(MediaDropReason Reason, string Label)> Reasons { get; } =
    [
        (MediaDropReason.Malformed, "malformed"), (MediaDropReason.AuthenticationFailure, "authentication_failure"),
        (MediaDropReason.Replay, "replay"), (MediaDropReason.NoRoute, "no_route"),
        (MediaDropReason.UnverifiedSource, "unverified_source"), (MediaDropReason.Other, "other"),
    ];

    /// <summary>Datagrams dropped for <paramref name="reason"/> since the process started.</summary>
    public static long Read(MediaDropReason reason) => Interlocked.Read(ref Counts[(int)reason]);

    /// <summary>Counts one dropped datagram.</summary>
    public static void Count(MediaDropReason reason) => Interlocked.Increment(ref Counts[(int)reason]);

    internal static void Count(Srtp.SrtpDropReason reason) => Count(reason switch
    {
        Srtp.SrtpDropReason.Malformed => MediaDropReason.Malformed,
        Srtp.SrtpDropReason.AuthenticationFailure => MediaDropReason.AuthenticationFailure,
        Srtp.SrtpDropReason.Replay => MediaDropReason.Replay,
        _ => MediaDropReason.Other,
    });
}
