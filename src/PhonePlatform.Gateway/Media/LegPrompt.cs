using System.Security.Cryptography;
using PhonePlatform.Media.Audio;
using PhonePlatform.Media.Codecs;

namespace PhonePlatform.Gateway.Media;

/// <summary>Plays a WAV prompt (8 kHz mono 16-bit PCM) into a leg as paced G.711 RTP in the leg's agreed law.</summary>
public static class LegPrompt
{
    public static async Task PlayAsync(MediaLeg leg, byte[] wav, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leg);
        var law = leg.Negotiation?.Codec.PayloadType == (int)G711Law.ALaw ? G711Law.ALaw : G711Law.MuLaw;
        var reader = await WavReader.OpenAsync(new MemoryStream(wav), cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var player = new PromptPlayer(law, (uint)RandomNumberGenerator.GetInt32(int.MaxValue), (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue), 0, time);
            await player.PlayAsync(
                reader,
                (buffer, length, _) =>
                {
                    leg.TrySendRtp(buffer.Span[..length]);
                    return ValueTask.CompletedTask;
                },
                cancellationToken).ConfigureAwait(false);
        }
    }
}
