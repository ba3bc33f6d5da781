using System.Globalization;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Core.Calls;

namespace PhonePlatform.Api.UseCases.Calls;

/// <summary>Between the API's call-settings documents and the domain's, validating as it goes.</summary>
internal static class CallSettingsMapping
{
    public const int MinRingTimeoutSeconds = 5;
    public const int MaxRingTimeoutSeconds = 300;
    private const string Midnight = "24:00";
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];

    public static NumberCallSettingsResponse ToResponse(Guid numberId, NumberCallSettings settings, DateTimeOffset now) => new(
        numberId,
        settings.BusinessHours is { } hours
            ? new BusinessHoursDto(
                hours.TimeZone,
                [.. hours.Weekly.Select(o => new OpeningHoursDto(o.Day, Format(o.Opens), o.Closes == TimeOnly.MinValue ? Midnight : Format(o.Closes)))],
                hours.Holidays)
            : null,
        settings.RingTimeoutSeconds,
        settings.RecordingPolicy,
        settings.RecordingAnnouncement,
        settings.GreetingBlobName is not null,
        [.. settings.Menu.Select(m => new MenuOptionDto(m.Digit, m.Label, m.MembershipIds, m.ForwardTo))],
        settings.BusinessHours?.IsOpenAt(now) ?? true);

    /// <summary>Parses business hours; problems go into <paramref name="errors"/> under their JSON path.</summary>
    public static BusinessHours? ParseHours(BusinessHoursDto? dto, Dictionary<string, string[]> errors)
    {
        if (dto is null)
        {
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(dto.TimeZone ?? "", out _))
        {
            errors["businessHours.timeZone"] = ["Give an IANA time zone, e.g. Europe/Berlin or America/New_York."];
        }

        if (dto.Weekly.Count > 50)
        {
            errors["businessHours.weekly"] = ["At most 50 opening periods."];
            return null;
        }

        var weekly = new List<OpeningHours>();
        for (var i = 0; i < dto.Weekly.Count; i++)
        {
            var period = dto.Weekly[i];
            var path = $"businessHours.weekly[{i}]";
            if (!Enum.IsDefined(period.Day))
            {
                errors[path + ".day"] = ["Not a day of the week."];
            }
            else if (!TryParseTime(period.Opens, allowMidnightEnd: false, out var opens))
            {
                errors[path + ".opens"] = ["Give the time as HH:mm (00:00 to 23:59)."];
            }
            else if (!TryParseTime(period.Closes, allowMidnightEnd: true, out var closes))
            {
                errors[path + ".closes"] = ["Give the time as HH:mm (00:01 to 24:00)."];
            }
            else if (closes != TimeOnly.MinValue && closes <= opens)
            {
                errors[path] = ["Closes must be after opens on the same day; split overnight hours into two periods."];
            }
            else
            {
                var candidate = new OpeningHours { Day = period.Day, Opens = opens, Closes = closes };
                if (weekly.Exists(o => o.Day == candidate.Day && Overlap(o, candidate)))
                {
                    errors[path] = ["Overlaps another period of the same day."];
                }

                weekly.Add(candidate);
            }
        }

        var holidays = dto.Holidays ?? [];
        if (holidays.Count > 366 || holidays.Distinct().Count() != holidays.Count)
        {
            errors["businessHours.holidays"] = ["At most 366 distinct dates."];
        }

        return new BusinessHours { TimeZone = dto.TimeZone ?? "", Weekly = weekly, Holidays = [.. holidays.Distinct().Order()] };
    }

    /// <summary>Parses the menu; member ids are checked against the workspace by the caller.</summary>
    public static List<MenuOption> ParseMenu(IReadOnlyList<MenuOptionDto>? dto, Dictionary<string, string[]> errors)
    {
        var menu = new List<MenuOption>();
        if (dto is null)
        {
            return menu;
        }

        if (dto.Count > 12)
        {
            errors["menu"] = ["At most 12 options (0-9, * and #)."];
            return menu;
        }

        for (var i = 0; i < dto.Count; i++)
        {
            var option = dto[i];
            var path = $"menu[{i}]";
            var members = option.MembershipIds ?? [];
            if (option.Digit is not { Length: 1 } || !"0123456789*#".Contains(option.Digit[0], StringComparison.Ordinal))
            {
                errors[path + ".digit"] = ["One of 0-9, * or #."];
            }
            else if (menu.Exists(m => m.Digit == option.Digit))
            {
                errors[path + ".digit"] = ["Each digit may appear once."];
            }
            else if ((members.Count > 0) == (option.ForwardTo is not null))
            {
                errors[path] = ["Give either membershipIds (a ring group) or forwardTo (an E.164 number), not both."];
            }
            else if (members.Count > 50 || members.Distinct().Count() != members.Count)
            {
                errors[path + ".membershipIds"] = ["At most 50 distinct members."];
            }
            else if (option.ForwardTo is { } forward && !Core.Numbers.E164.TryNormalize(forward, out _))
            {
                errors[path + ".forwardTo"] = ["Give the number in E.164 form, e.g. +14155550100."];
            }
            else if (option.Label is { Length: > 100 })
            {
                errors[path + ".label"] = ["At most 100 characters."];
            }
            else
            {
                menu.Add(new MenuOption { Digit = option.Digit, Label = option.Label ?? "", MembershipIds = [.. members], ForwardTo = option.ForwardTo });
            }
        }

        return menu;
    }

    private static bool Overlap(OpeningHours a, OpeningHours b) =>
        a.Opens.ToTimeSpan() < End(b) && b.Opens.ToTimeSpan() < End(a);

    private static TimeSpan End(OpeningHours o) => o.Closes == TimeOnly.MinValue ? TimeSpan.FromDays(1) : o.Closes.ToTimeSpan();

    private static bool TryParseTime(string? text, bool allowMidnightEnd, out TimeOnly time)
    {
        time = default;
        if (allowMidnightEnd && text == Midnight)
        {
            time = TimeOnly.MinValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            && (allowMidnightEnd ? time != TimeOnly.MinValue : true);
    }

    private static string Format(TimeOnly time) => time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
