using PhonePlatform.Api.Auth;
using PhonePlatform.Core.Calls;
using PhonePlatform.Core.Numbers;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Calls;

/// <summary>
/// Need-to-know for call history: callers that manage numbers, and API keys, see every call and voicemail; members
/// and viewers see those of the numbers granted to them (and calls they took part in). Changes (delete, mark
/// listened) need a <c>use</c> grant on the number, or managing numbers. Invisible records are simply not found.
/// </summary>
internal static class CallVisibility
{
    public static IQueryable<CallRecord> Calls(PhonePlatformDbContext db, Caller caller, bool toChange = false)
    {
        if (SeesAll(caller))
        {
            return db.CallRecords;
        }

        var membership = caller.MembershipId;
        var numbers = GrantedNumbers(db, caller, toChange);
        return toChange
            ? db.CallRecords.Where(c => numbers.Contains(c.PhoneNumberId))
            : db.CallRecords.Where(c => numbers.Contains(c.PhoneNumberId) || (membership != null && c.MembershipIds.Contains(membership.Value)));
    }

    public static IQueryable<Voicemail> Voicemails(PhonePlatformDbContext db, Caller caller, bool toChange = false)
    {
        if (SeesAll(caller))
        {
            return db.Voicemails;
        }

        var numbers = GrantedNumbers(db, caller, toChange);
        return db.Voicemails.Where(v => numbers.Contains(v.PhoneNumberId));
    }

    public static IQueryable<CallRecording> Recordings(PhonePlatformDbContext db, Caller caller, bool toChange = false)
    {
        var calls = Calls(db, caller, toChange).Select(c => c.Id);
        return db.CallRecordings.Where(r => calls.Contains(r.CallRecordId));
    }

    private static bool SeesAll(Caller caller) => NumberAccessPolicy.SeesAllNumbers(caller.Permissions) || caller.IsApiKey;

    private static IQueryable<Guid?> GrantedNumbers(PhonePlatformDbContext db, Caller caller, bool toChange) =>
        db.NumberAccess
            .Where(a => a.MembershipId == caller.MembershipId && (!toChange || a.Level == NumberAccessLevel.Use))
            .Select(a => (Guid?)a.PhoneNumberId);
}
