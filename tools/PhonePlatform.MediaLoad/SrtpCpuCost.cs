using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using PhonePlatform.Media.Srtp;

namespace PhonePlatform.MediaLoad;

/// <summary>
/// SRTP protect+unprotect of a 160-octet G.711 payload timed by process CPU time rather than wall time, next to the
/// raw BCL AES-GCM encrypt+decrypt of the same sizes: on a machine shared with other busy processes, wall-clock
/// benchmarks measure the preemption as well, CPU time measures the work. Single thread, nothing allocated per pair.
/// </summary>
internal static class SrtpCpuCost
{
    public static void Run(int pairs)
    {
        Console.WriteLine("| work (one thread) | pairs | CPU per pair | pairs per CPU-second |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var profile in new[] { SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm })
        {
            Report($"SrtpSession protect+unprotect, {profile}", pairs, SessionPairs(profile));
        }

        Report("raw BCL AesGcm encrypt+decrypt, 160 B + 12 B AAD", pairs, BclGcmPairs());
    }

    private static void Report(string name, int pairs, Action<int> work)
    {
        work(pairs / 10); // warm-up and tiering
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        work(pairs);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
        var perPair = cpu.TotalNanoseconds / pairs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {pairs} | {perPair / 1000:F3} µs | {1e9 / perPair:F0} |"));
    }

    private static Action<int> SessionPairs(SrtpProfile profile)
    {
        var key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var salt = Enumerable.Range(1, profile == SrtpProfile.AeadAes128Gcm ? 12 : 14).Select(i => (byte)i).ToArray();
        var sender = new SrtpSession(profile, key, salt);
        var receiver = new SrtpSession(profile, key, salt);
        var packet = new byte[LoadPacket.Length + SrtpSession.MaxProtectOverhead];
        uint sequence = 0;
        return count =>
        {
            for (var i = 0; i < count; i++)
            {
                LoadPacket.Write(packet, 0x1234, (ushort)sequence, 0);
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence++);
                var length = sender.ProtectRtp(packet, LoadPacket.Length);
                if (!receiver.TryUnprotectRtp(packet, length, out _))
                {
                    throw new InvalidOperationException("unprotect failed");
                }
            }
        };
    }

    private static Action<int> BclGcmPairs()
    {
        var gcm = new AesGcm(new byte[16], 16);
        var nonce = new byte[12];
        var aad = new byte[12];
        var payload = new byte[160];
        var tag = new byte[16];
        return count =>
        {
            for (var i = 0; i < count; i++)
            {
                gcm.Encrypt(nonce, payload, payload, tag, aad);
                gcm.Decrypt(nonce, payload, tag, payload, aad);
            }
        };
    }
}
