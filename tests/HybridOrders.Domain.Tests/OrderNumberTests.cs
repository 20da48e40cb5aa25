using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;

namespace HybridOrders.Domain.Tests;

/// <summary>The order id is a one-to-one function of the order number, so the primary key keeps numbers unique (ADR 0012).</summary>
public sealed class OrderNumberTests
{
    [Fact]
    public void The_id_of_a_number_is_always_the_same_and_a_version_8_uuid()
    {
        var number = OrderNumbers.New();
        OrderNumbers.IdOf(number).ShouldBe(OrderNumbers.IdOf(number));
        OrderNumbers.IdOf(number).Version.ShouldBe(8);
        number.ShouldMatch("^HO-[2-9A-HJKMNP-Z]{8}$");
    }

    [Fact]
    public void Numbers_one_character_apart_get_different_ids()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        var ids = new HashSet<Guid>();
        foreach (var position in Enumerable.Range(0, 8))
        foreach (var c in alphabet)
        {
            var chars = "HO-22222222".ToCharArray();
            chars[3 + position] = c;
            ids.Add(OrderNumbers.IdOf(new string(chars)));
        }
        ids.Count.ShouldBe(1 + 8 * (alphabet.Length - 1)); // every variant distinct; "HO-22222222" itself counted once
    }

    [Fact]
    public void An_order_takes_the_id_of_its_number()
    {
        var order = new Order("HO-ABCDEFGH", SalesChannel.Web, new CustomerRef("c1", null, null, null), FulfilmentMode.Delivery,
            [new OrderLine("A", 1, 10m, 0m)], null, "EUR", NodaTime.Instant.FromUtc(2026, 12, 1, 10, 0));
        order.Id.ShouldBe(OrderNumbers.IdOf("HO-ABCDEFGH"));
    }

    [Theory]
    [InlineData("HO-1234567")]
    [InlineData("XX-ABCDEFGH")]
    [InlineData("HO-ABCDEFG0")]
    public void Anything_else_is_not_an_order_number(string text) =>
        Should.Throw<ArgumentException>(() => OrderNumbers.IdOf(text));
}
