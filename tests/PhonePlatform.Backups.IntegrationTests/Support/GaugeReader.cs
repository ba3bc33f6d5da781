using System.Diagnostics.Metrics;

namespace PhonePlatform.Backups.IntegrationTests.Support;

/// <summary>Reads the current value of an observable instrument created by one <see cref="IMeterFactory"/> (so parallel tests don't see each other's).</summary>
internal static class GaugeReader
{
    public static double? Read(IMeterFactory factory, string instrumentName)
    {
        double? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == instrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, v, _, _) => value = v);
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => value = v);
        listener.SetMeasurementEventCallback<double>((_, v, _, _) => value = v);
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}
