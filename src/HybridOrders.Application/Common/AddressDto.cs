namespace HybridOrders.Application.Common;

/// <summary>A postal address with its coordinates, as clients send it and as a delivery shows it.</summary>
public sealed record AddressDto(string? Line1, string? City, string? PostalCode, string? Country, double? Latitude, double? Longitude);
