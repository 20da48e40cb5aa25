using System.Text.Json;
using System.Text.Json.Serialization;
using HybridOrders.Application.Locations;

namespace HybridOrders.Infrastructure.Seed;

/// <summary>The demo network file (db/seed/demo-network.json): locations, products and opening stock.</summary>
public sealed record DemoNetwork(string Currency, IReadOnlyList<DemoLocation> Locations, IReadOnlyList<DemoProduct> Products, IReadOnlyList<DemoStock> Stock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    public static DemoNetwork Load(string path) =>
        JsonSerializer.Deserialize<DemoNetwork>(File.ReadAllText(path), Json) ?? throw new InvalidOperationException($"Empty seed file {path}.");

    public IEnumerable<string> StoreCodes => Locations.Where(l => l.Kind == "store").Select(l => l.Code);
}

public sealed record DemoLocation(string Code, string Name, string Kind, double Latitude, double Longitude, string TimeZone,
    bool PickupEnabled, bool ShipFromEnabled, IReadOnlyList<OpeningHoursDto>? OpeningHours);

public sealed record DemoProduct(string Sku, string Name, decimal UnitPrice);

public sealed record DemoStock(string LocationCode, string Sku, int Quantity, int SafetyStock);

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo network at start-up (and, in Development, accept the demo API keys).</summary>
    public bool Seed { get; set; }

    public string SeedFile { get; set; } = Path.Combine(AppContext.BaseDirectory, "seed", "demo-network.json");
}
