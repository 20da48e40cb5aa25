using System.Security.Cryptography;

namespace HybridOrders.Domain.Orders;

/// <summary>
/// Order numbers ("HO-" and eight characters of an alphabet without look-alikes, readable over the phone) and the order id
/// derived from each. The id is a one-to-one function of the number, so the primary key alone keeps numbers unique: no
/// second unique index, which a table sharded by order id could not enforce (ADR 0012).
/// </summary>
public static class OrderNumbers
{
    private const string Prefix = "HO-";
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // no 0/O, 1/I/L
    private const int Length = 8;

    public static string New() => Prefix + new string(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>The id of the order with this number: a version-8 UUID whose last 40 bits are the number's eight characters
    /// (5 bits each). Random numbers give ids spread evenly over shards.</summary>
    public static Guid IdOf(string number)
    {
        if (number.Length != Prefix.Length + Length || !number.StartsWith(Prefix, StringComparison.Ordinal))
            throw new ArgumentException($"Not an order number: {number}", nameof(number));
        ulong bits = 0;
        foreach (var c in number.AsSpan(Prefix.Length))
        {
            var index = Alphabet.IndexOf(c);
            if (index < 0) throw new ArgumentException($"Not an order number: {number}", nameof(number));
            bits = (bits << 5) | (uint)index;
        }
        Span<byte> bytes = stackalloc byte[16];
        // Bytes 0-10: a fixed multiplicative mix of the number (so ids share no prefix); bytes 11-15: the 40 bits themselves,
        // untouched by the version and variant bits, which is what makes the mapping one-to-one.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[..8], bits * 0x9E3779B97F4A7C15UL);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], (bits * 0xC2B2AE3D27D4EB4FUL) << 40 | bits);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }
}
