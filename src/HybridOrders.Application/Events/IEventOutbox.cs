namespace HybridOrders.Application.Events;

/// <summary>Adds an event that has no aggregate behind it (a stock line crossing its threshold) to the current unit of
/// work: it is written with the change, in the same transaction, or not at all.</summary>
public interface IEventOutbox
{
    void Add(string type, object data, IReadOnlyList<string> locationCodes);
}
