using System.Diagnostics;
using System.Globalization;

namespace PhonePlatform.Testing.Fuzzing;

/// <summary>
/// Seeded mutation fuzzing shared by the parser test projects (SharpFuzz needs AFL/libFuzzer binaries that this
/// machine does not have). In CI each target runs a fixed number of iterations from a fixed seed, so a failure
/// reproduces; <c>PHONEPLATFORM_FUZZ_SECONDS=N</c> runs each target for N seconds from a fresh seed
/// (<c>PHONEPLATFORM_FUZZ_SEED</c> pins it). A target that throws fails with the seed, the iteration and the input in
/// hex, ready to paste into a regression test.
/// </summary>
internal static class MutationFuzzer
{
    private static readonly byte[] Boundaries = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF];

    /// <summary>Runs <paramref name="target"/> over mutations of <paramref name="seeds"/>; returns how many inputs it tried.</summary>
    public static FuzzRun Run(string name, IReadOnlyList<byte[]> seeds, int ciSeed, int ciIterations, ReadOnlySpan<byte> dictionary, Action<byte[]> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var seconds = EnvironmentInt("PHONEPLATFORM_FUZZ_SECONDS");
        var seed = EnvironmentInt("PHONEPLATFORM_FUZZ_SEED") ?? (seconds is null ? ciSeed : Environment.TickCount);
        var random = new Random(seed);
        var tokens = dictionary.ToArray();
        var clock = Stopwatch.StartNew();
        var iterations = 0;
        while (seconds is { } limit ? clock.Elapsed.TotalSeconds < limit : iterations < ciIterations)
        {
            var input = Mutate(seeds[random.Next(seeds.Count)], seeds, tokens, random);
            try
            {
                target(input);
            }
            catch (Exception exception)
            {
                throw new FuzzFailureException(name, seed, iterations, input, exception);
            }

            iterations++;
        }

        return new FuzzRun(name, seed, iterations, clock.Elapsed);
    }

    /// <summary>One to eight edits: bit flips, boundary bytes and integers, dictionary tokens, deletions, duplications, splices with another seed, truncation.</summary>
    public static byte[] Mutate(byte[] original, IReadOnlyList<byte[]> seeds, byte[] dictionary, Random random)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(random);
        var data = new List<byte>(original);
        for (var edits = random.Next(1, 9); edits > 0; edits--)
        {
            if (data.Count == 0)
            {
                data.Add((byte)random.Next(256));
                continue;
            }

            var at = random.Next(data.Count);
            switch (random.Next(10))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = Boundaries[random.Next(Boundaries.Length)];
                    break;
                case 2:
                    // A 16- or 32-bit length or count field set to an extreme, big-endian as the binary protocols are.
                    var width = random.Next(2) == 0 ? 2 : 4;
                    var fill = Boundaries[random.Next(Boundaries.Length)];
                    for (var i = 0; i < width && at + i < data.Count; i++)
                    {
                        data[at + i] = i == width - 1 ? fill : (fill is 0x00 or 0x01 ? (byte)0 : fill);
                    }

                    break;
                case 3 when dictionary.Length > 0:
                    data.Insert(at, dictionary[random.Next(dictionary.Length)]);
                    break;
                case 4 when dictionary.Length > 0:
                    data[at] = dictionary[random.Next(dictionary.Length)];
                    break;
                case 5:
                    data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 32)));
                    break;
                case 6:
                    data.InsertRange(at, data.GetRange(at, Math.Min(data.Count - at, random.Next(1, 128))));
                    break;
                case 7:
                    var other = seeds[random.Next(seeds.Count)];
                    var from = random.Next(other.Length + 1);
                    data.RemoveRange(at, data.Count - at);
                    data.AddRange(other.AsSpan(from).ToArray());
                    break;
                case 8:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    data[at] = (byte)random.Next(256);
                    break;
            }
        }

        return [.. data];
    }

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>What one fuzz target did (printed by the tests so long runs report their count).</summary>
internal sealed record FuzzRun(string Name, int Seed, int Iterations, TimeSpan Elapsed)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"fuzz {Name}: {Iterations:N0} inputs in {Elapsed.TotalSeconds:F1} s, seed {Seed}");
}

/// <summary>A fuzz target threw: carries what is needed to turn the input into a regression test.</summary>
internal sealed class FuzzFailureException(string name, int seed, int iteration, byte[] input, Exception inner)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"fuzz {name}: seed {seed}, iteration {iteration} threw {inner.GetType().Name}: {inner.Message}\ninput (hex): {Convert.ToHexString(input)}"), inner);
