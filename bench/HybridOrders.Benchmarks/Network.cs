using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Routing;

namespace HybridOrders.Benchmarks;

/// <summary>One location of the synthetic network.</summary>
internal sealed record NetworkLocation(string Code, bool IsWarehouse, GeoPoint Position, bool ShipFromEnabled, int UnitsPerSku);

/// <summary>A delivery order of the synthetic shop: distinct SKU indices with quantities, and where it goes.</summary>
internal sealed record NetworkOrder(IReadOnlyList<(int Sku, int Quantity)> Lines, GeoPoint Destination);

/// <summary>
/// The synthetic retail network that both the order load (set up through the API) and the routing part (fed to the
/// router in process) use, built the same for the same size and seed. A metro area of 20 km radius around Berlin: one
/// warehouse on the outskirts and stores spread uniformly over the area, nine in ten of them shipping to customers.
/// <list type="bullet">
/// <item>Core range: the first <see cref="CoreSkus"/> SKUs are at every location (high sellers).</item>
/// <item>The warehouse has every SKU except the last tenth, which only stores carry (local and store-only ranges).</item>
/// <item>Every ship-from store carries <see cref="StoreAssortment"/> of the other SKUs besides the core range: they are
/// dealt out so that each SKU is at the same number of stores (at least two), which grows with the number of stores.
/// Stores that do not ship carry the core range only (they play no part in routing a delivery).</item>
/// </list>
/// An order has 1–5 distinct lines of 1–2 units, half of them from the core range. Most orders can be sent from one
/// location (often a store near the customer, else the warehouse); an order holding a store-only SKU and another SKU
/// that no store carrying it has must be split.
/// </summary>
internal sealed class Network
{
    public const int CoreSkus = 60;
    public const int StoreAssortment = 110;
    public const int MinProducts = CoreSkus * 2;
    private const double RadiusKm = 20;
    private const double CoreLineShare = 0.5;
    private const double ShipFromShare = 0.9;
    private static readonly GeoPoint Centre = new(52.52, 13.405);

    private readonly List<int>[] _holders; // per SKU: the ship-from locations that carry it
    private readonly HashSet<int>[] _carried; // per location: the SKUs it carries

    public IReadOnlyList<NetworkLocation> Locations { get; }
    public int Skus { get; }
    /// <summary>SKUs from this index on are not at the warehouse.</summary>
    public int FirstStoreOnlySku => Skus - Skus / 10;
    public int StockLines => _carried.Sum(c => c.Count);

    public static string SkuCode(int index) => $"NET-SKU-{index:D5}";

    public Network(int locations, int skus, int seed = 20_260_101)
    {
        Skus = skus;
        var random = new Random(seed);
        var list = new List<NetworkLocation> { new("NET-WH01", true, Offset(Centre, 12, -14), true, 100_000) };
        for (var s = 1; s < locations; s++)
        {
            // Uniform over the disc: the radius goes with the square root.
            var r = RadiusKm * Math.Sqrt(random.NextDouble());
            var angle = 2 * Math.PI * random.NextDouble();
            list.Add(new NetworkLocation($"NET-S{s:D4}", false, Offset(Centre, r * Math.Cos(angle), r * Math.Sin(angle)),
                random.NextDouble() < ShipFromShare, 1_000));
        }
        Locations = list;

        _carried = list.Select(l => l.IsWarehouse
            ? Enumerable.Range(0, FirstStoreOnlySku).ToHashSet()
            : Enumerable.Range(0, CoreSkus).ToHashSet()).ToArray();
        var shippingStores = Enumerable.Range(0, locations).Where(i => !list[i].IsWarehouse && list[i].ShipFromEnabled).ToList();
        var other = Enumerable.Range(CoreSkus, skus - CoreSkus).ToArray();
        var copies = Math.Max(2, (int)Math.Round((double)shippingStores.Count * StoreAssortment / other.Length));
        for (var copy = 0; copy < copies; copy++)
        {
            random.Shuffle(other);
            for (var k = 0; k < other.Length; k++) _carried[shippingStores[(k + copy) % shippingStores.Count]].Add(other[k]);
        }

        _holders = Enumerable.Range(0, skus).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < locations; i++)
            if (list[i].ShipFromEnabled)
                foreach (var sku in _carried[i]) _holders[sku].Add(i);
    }

    /// <summary>The SKUs a location carries, in index order.</summary>
    public IEnumerable<int> Carried(int location) => _carried[location].Order();

    public NetworkOrder RandomOrder(Random random)
    {
        var count = 1 + random.Next(5);
        var skus = new List<int>(count);
        while (skus.Count < count)
        {
            var sku = random.NextDouble() < CoreLineShare ? random.Next(CoreSkus) : CoreSkus + random.Next(Skus - CoreSkus);
            if (!skus.Contains(sku)) skus.Add(sku);
        }
        var r = (RadiusKm + 2) * Math.Sqrt(random.NextDouble());
        var angle = 2 * Math.PI * random.NextDouble();
        return new NetworkOrder(skus.Select(s => (s, 1 + random.Next(2))).ToList(), Offset(Centre, r * Math.Cos(angle), r * Math.Sin(angle)));
    }

    /// <summary>Whether one ship-from location carries every SKU of the order (with the stock as set up, it then has enough).</summary>
    public bool OneLocationHasAll(NetworkOrder order) =>
        _holders[order.Lines[0].Sku].Any(i => order.Lines.All(l => _carried[i].Contains(l.Sku)));

    /// <summary>What the router sees for a delivery, as PlaceOrder builds it: every ship-from location holding any of the
    /// wanted SKUs, with what it has of those SKUs (the stock as set up, nothing reserved).</summary>
    public IReadOnlyList<RoutingCandidate> Candidates(NetworkOrder order)
    {
        var available = new Dictionary<int, Dictionary<string, int>>();
        foreach (var (sku, _) in order.Lines)
        {
            var code = SkuCode(sku);
            foreach (var i in _holders[sku])
            {
                if (!available.TryGetValue(i, out var stock)) available[i] = stock = new Dictionary<string, int>(StringComparer.Ordinal);
                stock[code] = Locations[i].UnitsPerSku;
            }
        }
        return available.Select(kv => new RoutingCandidate(Locations[kv.Key].Code, Locations[kv.Key].Position, kv.Value)).ToList();
    }

    public static IReadOnlyList<StockQuantity> Lines(NetworkOrder order) =>
        order.Lines.Select(l => new StockQuantity(SkuCode(l.Sku), l.Quantity)).ToList();

    /// <summary>A point <paramref name="eastKm"/> east and <paramref name="northKm"/> north of <paramref name="from"/> (flat-earth offset, fine for a city).</summary>
    private static GeoPoint Offset(GeoPoint from, double eastKm, double northKm) =>
        new(from.Latitude + northKm / 111.32, from.Longitude + eastKm / (111.32 * Math.Cos(from.Latitude * Math.PI / 180)));
}
