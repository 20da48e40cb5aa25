using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace HybridOrders.Api.Json;

/// <summary>The wire format of the contract: camelCase, enums as lower_snake_case strings, NodaTime instants as
/// ISO-8601 UTC strings, money as numbers with two decimals.</summary>
public static class JsonSetup
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new TwoDecimalsConverter());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
    }

    /// <summary>The same wire format for event payloads (outbox rows, feed, webhooks).</summary>
    public static Application.Events.EventJson ForEvents()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return new Application.Events.EventJson(options);
    }

    /// <summary>Money always goes out with two decimals (<c>12.50</c>, not <c>12.5</c>).</summary>
    private sealed class TwoDecimalsConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
