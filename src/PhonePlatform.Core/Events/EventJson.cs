using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhonePlatform.Core.Events;

/// <summary>The JSON shape of event data: camelCase, enums as strings, nulls left out.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
