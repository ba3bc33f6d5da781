using System.Buffers.Binary;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PhonePlatform.Core.Calls;
using PhonePlatform.Crypto;
using PhonePlatform.Data.Calls;
using PhonePlatform.Gateway.Voicemail;

namespace PhonePlatform.Api.IntegrationTests.Support;

/// <summary>Call history written the way the gateway writes it: through the CDR writer and the voicemail port.</summary>
internal static class CallHistory
{
    public const string Caller = "+14155550123";

    /// <summary>An answered inbound call with a recording, and a missed one with a voicemail.</summary>
    public static async Task<(Guid Call, Guid Voicemail, Guid Recording)> SeedAsync(IServiceProvider services, Guid workspaceId, string number)
    {
        var started = new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero);
        var answered = await RecordCallAsync(services, Answered(workspaceId, number, started, Guid.NewGuid()));
        var missed = await RecordCallAsync(services, Missed(workspaceId, number, started.AddMinutes(5)));
        var voicemail = await AddVoicemailAsync(services, workspaceId, number, ToneWav(8000, 2, 1), missed.Id);
        var recordingId = Guid.CreateVersion7();
        var blobName = $"recordings/{recordingId:N}.wav";
        await services.GetRequiredService<IWorkspaceBlobs>().StoreAsync(workspaceId, BlobKind.Recording, blobName, new MemoryStream(ToneWav(8000, 2, 2)));
        await services.GetRequiredService<CallRecordingStore>().AddAsync(
            new RecordingDraft(recordingId, workspaceId, answered.Id, blobName, TimeSpan.FromSeconds(2), started.AddMinutes(2)));
        return (answered.Id, voicemail, recordingId);
    }

    public static CallSnapshot Answered(Guid workspaceId, string number, DateTimeOffset started, Guid member) =>
        new(Guid.CreateVersion7(started), workspaceId, CallDirection.Inbound, number, started)
        {
            RemoteNumber = Caller,
            MembershipIds = [member],
            AnsweredByMembershipId = member,
            TrunkId = "t1",
            TrunkName = "carrier-a",
            RingingAt = started.AddSeconds(1),
            AnsweredAt = started.AddSeconds(6),
            EndedAt = started.AddSeconds(66),
            EndReason = CallEndReason.Completed,
            SipCode = 200,
            Quality = new CallQuality { PacketsReceived = 3000, PacketsLost = 30, JitterMilliseconds = 4.5, RoundTripMilliseconds = 42 },
        };

    public static CallSnapshot Missed(Guid workspaceId, string number, DateTimeOffset started) =>
        new(Guid.CreateVersion7(started), workspaceId, CallDirection.Inbound, number, started)
        {
            RemoteNumber = "+14155550177",
            RingingAt = started.AddSeconds(1),
            EndedAt = started.AddSeconds(40),
            EndReason = CallEndReason.Voicemail,
            SipCode = 200,
        };

    public static Task<CallRecord> RecordCallAsync(IServiceProvider services, CallSnapshot snapshot) =>
        services.GetRequiredService<CallRecordWriter>().RecordAsync(snapshot);

    /// <summary>Stores the audio encrypted and adds the record through the gateway's port, as <c>VoicemailRecorder</c> does.</summary>
    public static async Task<Guid> AddVoicemailAsync(IServiceProvider services, Guid workspaceId, string number, byte[] wav, Guid? callId = null)
    {
        var id = Guid.CreateVersion7();
        var blobName = $"voicemail/{id:N}.wav";
        await services.GetRequiredService<IWorkspaceBlobs>().StoreAsync(workspaceId, BlobKind.Voicemail, blobName, new MemoryStream(wav));
        var received = new DateTimeOffset(2026, 11, 2, 15, 5, 0, TimeSpan.Zero);
        if (callId is null)
        {
            await services.GetRequiredService<IVoicemailRepository>().AddAsync(
                new VoicemailMessage(id, workspaceId, number, "+14155550177", blobName, TimeSpan.FromSeconds(1), received), CancellationToken.None);
        }
        else
        {
            await services.GetRequiredService<VoicemailStore>().AddAsync(
                new VoicemailDraft(id, workspaceId, number, "+14155550177", blobName, TimeSpan.FromSeconds(1), received) { CallId = callId });
        }

        return id;
    }

    /// <summary>A 16-bit PCM WAV of a 440 Hz tone, written independently of the product's WAV code.</summary>
    public static byte[] ToneWav(int sampleRate, int channels, double seconds)
    {
        var frames = (int)(sampleRate * seconds);
        var dataLength = frames * channels * 2;
        var wav = new byte[44 + dataLength];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + dataLength);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), dataLength);
        for (var i = 0; i < frames; i++)
        {
            var sample = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / sampleRate));
            for (var c = 0; c < channels; c++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + (((i * channels) + c) * 2)), sample);
            }
        }

        return wav;
    }

    public static ByteArrayContent WavContent(byte[] wav)
    {
        var content = new ByteArrayContent(wav);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return content;
    }
}
