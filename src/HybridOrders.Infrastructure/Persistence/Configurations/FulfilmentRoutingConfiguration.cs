using System.Text.Json;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HybridOrders.Infrastructure.Persistence.Configurations;

/// <summary>
/// The full routing decision of a fulfilment whose own candidates were trimmed: one row, one text column in a compact JSON form
/// (each distinct reason once, then per candidate <c>[code, distanceKm, flags, reason index]</c> with flags 1 = can fulfil all,
/// 2 = chosen), about a fifth of the plain JSON for a network of 200 locations.
/// </summary>
internal sealed class FulfilmentRoutingConfiguration : IEntityTypeConfiguration<FulfilmentRouting>
{
    public void Configure(EntityTypeBuilder<FulfilmentRouting> b)
    {
        b.ToTable("FulfilmentRoutings");
        // Keyed within its order, like the fulfilment it belongs to (ADR 0012): the order id is a shadow column EF fills in from
        // the fulfilment.
        b.Property<Guid>("OrderId");
        b.HasKey("OrderId", nameof(FulfilmentRouting.FulfilmentId));
        b.Property(r => r.FulfilmentId).ValueGeneratedNever();
        b.HasOne<Fulfilment>().WithOne(f => f.FullRouting).HasForeignKey<FulfilmentRouting>("OrderId", nameof(FulfilmentRouting.FulfilmentId))
            .OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Candidates)
            .HasConversion(v => CompactCandidates.Write(v), v => CompactCandidates.Read(v),
                new ValueComparer<IReadOnlyList<CandidateDecision>>((x, y) => x!.SequenceEqual(y!), v => v.Count, v => v.ToList()))
            .HasColumnName("Candidates")
            .IsRequired();
    }
}

/// <summary><c>{"r":["reason",…],"c":[["CODE",12.345,3,0],…]}</c>.</summary>
internal static class CompactCandidates
{
    public static string Write(IReadOnlyList<CandidateDecision> candidates)
    {
        var reasons = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("c");
            foreach (var c in candidates)
            {
                if (!index.TryGetValue(c.Reason, out var r))
                {
                    index[c.Reason] = r = reasons.Count;
                    reasons.Add(c.Reason);
                }
                json.WriteStartArray();
                json.WriteStringValue(c.LocationCode);
                json.WriteNumberValue(c.DistanceKm);
                json.WriteNumberValue((c.CanFulfilAll ? 1 : 0) | (c.Chosen ? 2 : 0));
                json.WriteNumberValue(r);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("r");
            foreach (var reason in reasons) json.WriteStringValue(reason);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IReadOnlyList<CandidateDecision> Read(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var reasons = doc.RootElement.GetProperty("r").EnumerateArray().Select(r => r.GetString()!).ToList();
        return doc.RootElement.GetProperty("c").EnumerateArray().Select(c =>
        {
            var flags = c[2].GetInt32();
            return new CandidateDecision(c[0].GetString()!, c[1].GetDouble(), (flags & 1) != 0, (flags & 2) != 0, reasons[c[3].GetInt32()]);
        }).ToList();
    }
}
