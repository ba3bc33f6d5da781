using System.Text;

namespace PhonePlatform.Sip.Tests.Codec;

/// <summary>
/// Mutation fuzzing of the parser (seeded, so reproducible): flips, inserts, deletes and duplicates bytes of real
/// messages. No exception may escape and memory must stay bounded.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Iterations = 30_000;

    private static readonly byte[][] Seeds =
    [
        .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475"), "*.dat", SearchOption.AllDirectories).Select(File.ReadAllBytes),
        Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1;rport=5060;received=1.2.3.4\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContact: <sip:c@10.0.0.1:5060;transport=tcp>;expires=60\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n\", qop=\"auth\"\r\nContent-Length: 0\r\n\r\n"),
    ];

    private static readonly byte[] Interesting = ":;,<>\"\\ \t\r\n=@%[]/0123456789z9hG4bK"u8.ToArray();

    [Fact]
    public void Parse_MutatedMessages_NeverThrowsAndStaysBounded()
    {
        var random = new Random(4475);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(Seeds[random.Next(Seeds.Length)], random);
            var result = SipParser.Parse(input);
            if (result.IsSuccess)
            {
                accepted++;

                // Whatever parses must also survive the typed accessors and serialisation.
                var message = result.Message!;
                _ = message.From;
                _ = message.To;
                _ = message.Vias;
                _ = message.Contacts;
                _ = message.CSeq;
                if (message is SipRequest request)
                {
                    _ = request.RequestUri;
                }

                Assert.True(SipParser.Parse(message.ToArray()).Status != SipParseStatus.TooLarge);
            }

            _ = PhonePlatform.Sip.Auth.DigestCredentials.TryParse(Encoding.UTF8.GetString(input), out _);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.InRange(accepted, 1, Iterations - 1);
        Assert.True(after - before < 16 * 1024 * 1024, $"memory grew by {after - before} bytes");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations && data.Count > 0; m++)
        {
            var position = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0:
                    data[position] = (byte)random.Next(256);
                    break;
                case 1:
                    data.Insert(position, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 2:
                    data.RemoveRange(position, Math.Min(data.Count - position, random.Next(1, 16)));
                    break;
                case 3:
                    var length = Math.Min(data.Count - position, random.Next(1, 64));
                    data.InsertRange(position, data.GetRange(position, length));
                    break;
                case 4:
                    data.RemoveRange(position, data.Count - position);
                    break;
                default:
                    data[position] = Interesting[random.Next(Interesting.Length)];
                    break;
            }
        }

        return [.. data];
    }
}
