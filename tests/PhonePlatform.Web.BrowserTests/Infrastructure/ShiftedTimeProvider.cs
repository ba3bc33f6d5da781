namespace PhonePlatform.Web.BrowserTests.Infrastructure;

/// <summary>
/// Real time plus an offset the test moves forward. The server refuses a TOTP code twice in one 30-second step, so a
/// test that signs in and then steps up jumps to the next step instead of sleeping; timers stay on real time so
/// Kestrel and the browser are unaffected.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
