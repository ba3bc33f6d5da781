using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Auth;
using PhonePlatform.Api.Calls;
using PhonePlatform.Api.Problems;
using PhonePlatform.Data;
using PhonePlatform.Gateway.Calls;

namespace PhonePlatform.Api.UseCases.Calls;

/// <summary>
/// Starts and stops recording a live call on demand (a member with a use grant on the call's number, or a number
/// manager). The call's media must be anchored in this process's gateway: a call held by another gateway node is
/// answered 409 (it cannot be reached from here yet), as is a call still ringing, already recorded, or ended.
/// </summary>
public sealed class LiveCallRecording(PhonePlatformDbContext db, AuditLog audit, B2bua? gateway = null)
{
    public async Task<Outcome<Done>> StartAsync(Caller caller, Guid callId, CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(caller, callId, cancellationToken) is { } failure)
        {
            return failure;
        }

        var result = await gateway!.StartRecordingAsync(callId, cancellationToken);
        switch (result)
        {
            case RecordingRequest.Started:
                await audit.AppendAsync(caller.Event(CallAuditActions.RecordingStarted, "call", callId), cancellationToken);
                return new Done();
            case RecordingRequest.NotAnswered:
                return Failure.Conflict("The call has not been answered (or it ended): there is nothing to record yet.");
            case RecordingRequest.AlreadyRecording:
                return Failure.Conflict("The call is already being recorded.");
            default:
                return NotOnThisNode();
        }
    }

    public async Task<Outcome<Done>> StopAsync(Caller caller, Guid callId, CancellationToken cancellationToken)
    {
        if (await FindLiveAsync(caller, callId, cancellationToken) is { } failure)
        {
            return failure;
        }

        if (!gateway!.IsRecording(callId))
        {
            return Failure.Conflict("The call is not being recorded.");
        }

        await gateway.StopRecordingAsync(callId);
        await audit.AppendAsync(caller.Event(CallAuditActions.RecordingStopped, "call", callId), cancellationToken);
        return new Done();
    }

    private async Task<Failure?> FindLiveAsync(Caller caller, Guid callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var call = await CallVisibility.Calls(db, caller, toChange: true).SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null)
        {
            return Failure.NotFound("Call");
        }

        if (call.EndedAt is not null)
        {
            return Failure.Conflict("The call has ended.");
        }

        return gateway?.HoldsCall(callId) == true ? null : NotOnThisNode();
    }

    private static Failure NotOnThisNode() =>
        Failure.Conflict("The call's media is held by another gateway node; recording can only be controlled on that node for now.");
}
