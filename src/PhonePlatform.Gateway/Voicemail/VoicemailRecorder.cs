using PhonePlatform.Crypto;
using PhonePlatform.Gateway.Media;
using PhonePlatform.Media.Audio;
using PhonePlatform.Media.Codecs;

namespace PhonePlatform.Gateway.Voicemail;

/// <summary>
/// Takes an answered leg into voicemail: plays the greeting, records the caller until hangup or
/// <see cref="VoicemailOptions.MaxLength"/>, stores the WAV encrypted and adds the record.
/// </summary>
public sealed class VoicemailRecorder(IWorkspaceBlobs blobs, IVoicemailRepository repository, VoicemailOptions options, TimeProvider time)
{
    /// <summary>Records one message; <paramref name="hangup"/> fires when the caller hangs up.</summary>
    /// <returns>The stored message, or null when nothing was recorded.</returns>
    public async Task<VoicemailMessage?> RecordAsync(
        Guid workspaceId, string number, string? callerNumber, MediaLeg leg, byte[]? greeting, CancellationToken hangup)
    {
        ArgumentNullException.ThrowIfNull(leg);
        var started = time.GetUtcNow();
        var codec = leg.Negotiation?.Codec;
        try
        {
            await PlayGreetingAsync(leg, greeting, hangup).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        using var audio = new MemoryStream();
        var recorder = new CallRecorder(audio, leaveOpen: true);
        await using (recorder.ConfigureAwait(false))
        {
            leg.RtpReceived = (ReadOnlySpan<byte> packet, in PhonePlatform.Media.Rtp.RtpHeader header) =>
            {
                if (codec is not null && header.PayloadType == codec.PayloadType)
                {
                    recorder.Write(RecorderChannel.Left, packet, header);
                }
            };
            try
            {
                await Task.Delay(options.MaxLength, time, hangup).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller hung up: the normal end of a message.
            }

            leg.RtpReceived = null;
            await recorder.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            if (recorder.FramesWritten == 0)
            {
                return null;
            }

            audio.Position = 0;
            var id = Guid.CreateVersion7();
            var blobName = $"voicemail/{id:N}.wav";
            await blobs.StoreAsync(workspaceId, BlobKind.Voicemail, blobName, audio, CancellationToken.None).ConfigureAwait(false);
            var message = new VoicemailMessage(
                id, workspaceId, number, callerNumber, blobName, TimeSpan.FromSeconds(recorder.FramesWritten / 8000.0), started);
            await repository.AddAsync(message, CancellationToken.None).ConfigureAwait(false);
            return message;
        }
    }

    private async Task PlayGreetingAsync(MediaLeg leg, byte[]? greeting, CancellationToken cancellationToken)
    {
        greeting ??= await VoicemailGreeting.CreateDefaultAsync(cancellationToken).ConfigureAwait(false);
        await LegPrompt.PlayAsync(leg, greeting, time, cancellationToken).ConfigureAwait(false);
    }
}
