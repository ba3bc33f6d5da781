using PhonePlatform.Core.Calls;

namespace PhonePlatform.Core.Tests;

public sealed class BusinessHoursTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static BusinessHours NineToFive(string zone) => new()
    {
        TimeZone = zone,
        Weekly = [.. Weekdays.Select(d => new OpeningHours { Day = d, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(17, 0) })],
    };

    // New York: EST (UTC-5) until 2026-03-08 02:00, then EDT (UTC-4) until 2026-11-01 02:00.
    [Theory]
    [InlineData("2026-03-06T13:59:00Z", false)] // Fri 08:59 EST
    [InlineData("2026-03-06T14:00:00Z", true)] // Fri 09:00 EST
    [InlineData("2026-03-06T21:59:00Z", true)] // Fri 16:59 EST
    [InlineData("2026-03-06T22:00:00Z", false)] // Fri 17:00 EST
    [InlineData("2026-03-09T13:00:00Z", true)] // Mon 09:00 EDT: the same UTC hour was 08:00 a week before
    [InlineData("2026-03-09T12:59:00Z", false)] // Mon 08:59 EDT
    [InlineData("2026-03-09T21:00:00Z", false)] // Mon 17:00 EDT
    [InlineData("2026-10-30T13:00:00Z", true)] // Fri 09:00 EDT
    [InlineData("2026-11-02T13:00:00Z", false)] // Mon 08:00 EST after the fall-back
    [InlineData("2026-11-02T14:00:00Z", true)] // Mon 09:00 EST
    [InlineData("2026-03-07T15:00:00Z", false)] // Saturday
    public void IsOpenAt_NewYorkAcrossDaylightSaving_UsesLocalWallClock(string instant, bool open) =>
        Assert.Equal(open, NineToFive("America/New_York").IsOpenAt(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void IsOpenAt_NightPeriodOnSpringForwardDay_SkipsTheMissingHour()
    {
        // Berlin springs from 02:00 to 03:00 on Sunday 2026-03-29 (01:00Z).
        var hours = new BusinessHours
        {
            TimeZone = "Europe/Berlin",
            Weekly = [new OpeningHours { Day = DayOfWeek.Sunday, Opens = new TimeOnly(1, 0), Closes = new TimeOnly(3, 30) }],
        };

        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero))); // 01:30 CET
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 3, 29, 1, 15, 0, TimeSpan.Zero))); // 03:15 CEST
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero))); // 03:30 CEST
    }

    [Fact]
    public void IsOpenAt_RepeatedHourOnFallBackDay_OpenBothTimes()
    {
        // New York repeats 01:00-02:00 on Sunday 2026-11-01: 05:30Z is 01:30 EDT and 06:30Z is 01:30 EST.
        var hours = new BusinessHours
        {
            TimeZone = "America/New_York",
            Weekly = [new OpeningHours { Day = DayOfWeek.Sunday, Opens = new TimeOnly(1, 0), Closes = new TimeOnly(2, 0) }],
        };

        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero)));
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 11, 1, 7, 0, 0, TimeSpan.Zero))); // 02:00 EST
    }

    [Fact]
    public void IsOpenAt_Holiday_ClosedAllDayInLocalDate()
    {
        var hours = NineToFive("Europe/Berlin");
        hours.Holidays.Add(new DateOnly(2026, 12, 24));

        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.Zero)));
        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 12, 23, 10, 0, 0, TimeSpan.Zero)));
        // 23:30Z on the 23rd is already the 24th in Berlin, 00:30 local: closed by the holiday, not just the hour.
        hours.Weekly.Add(new OpeningHours { Day = DayOfWeek.Thursday, Opens = TimeOnly.MinValue, Closes = new TimeOnly(9, 0) });
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 12, 23, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void IsOpenAt_ClosesAtMidnight_OpenUntilTheEndOfTheDay()
    {
        var hours = new BusinessHours
        {
            TimeZone = "UTC",
            Weekly = [new OpeningHours { Day = DayOfWeek.Monday, Opens = new TimeOnly(18, 0), Closes = TimeOnly.MinValue }],
        };

        Assert.True(hours.IsOpenAt(new DateTimeOffset(2026, 11, 23, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpenAt(new DateTimeOffset(2026, 11, 23, 17, 59, 0, TimeSpan.Zero)));
    }
}
