namespace PhonePlatform.Core.Calls;

/// <summary>
/// A weekly schedule in a named time zone (IANA id), with optional closed days. Opening times are wall-clock times
/// in that zone, so 09:00–17:00 stays 09:00–17:00 local across daylight-saving changes; the instant is converted to
/// local time before it is compared.
/// </summary>
public sealed class BusinessHours
{
    public required string TimeZone { get; set; }

    public List<OpeningHours> Weekly { get; set; } = [];

    /// <summary>Local dates on which the number is closed all day.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <exception cref="TimeZoneNotFoundException">The zone is unknown (settings are validated on save).</exception>
    public bool IsOpenAt(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
        var date = DateOnly.FromDateTime(local.DateTime);
        if (Holidays.Contains(date))
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        return Weekly.Exists(o => o.Day == local.DayOfWeek && o.Contains(time));
    }
}

/// <summary>Open on <see cref="Day"/> from <see cref="Opens"/> (inclusive) to <see cref="Closes"/> (exclusive; 00:00 = midnight at the end of the day).</summary>
public sealed class OpeningHours
{
    public DayOfWeek Day { get; set; }

    public TimeOnly Opens { get; set; }

    public TimeOnly Closes { get; set; }

    public bool Contains(TimeOnly time) => time >= Opens && (Closes == TimeOnly.MinValue || time < Closes);
}
