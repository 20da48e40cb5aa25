using System.Net;
using System.Net.Sockets;
using HybridOrders.Application.Webhooks;
using Microsoft.Extensions.Options;

namespace HybridOrders.Infrastructure.Webhooks;

/// <summary>
/// The SSRF guard (OWASP API7): a webhook may not point at loopback, link-local, private, shared (CGNAT), multicast or
/// unspecified addresses unless <c>Webhooks:AllowPrivateNetworks</c>. Checked when subscribing (every address the name
/// resolves to) and again when connecting for a delivery (<see cref="ConnectAsync"/> connects only to an address it checked,
/// so a name that changes to a private address between check and use is still refused).
/// </summary>
internal sealed class WebhookAddressPolicy(IOptions<WebhookOptions> options) : IWebhookUrlPolicy
{
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        if (options.Value.AllowPrivateNetworks) return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"The host '{url.Host}' cannot be resolved.";
        }
        if (addresses.Length == 0) return $"The host '{url.Host}' cannot be resolved.";
        var refused = addresses.FirstOrDefault(a => !IsPublic(a));
        return refused is null ? null
            : $"'{url.Host}' resolves to {refused}, which is in a loopback, link-local or private range; webhooks go to public addresses only.";
    }

    /// <summary>The connect step of the webhook HTTP client: resolves, refuses non-public addresses (unless allowed), connects.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!options.Value.AllowPrivateNetworks)
        {
            addresses = addresses.Where(IsPublic).ToArray();
            if (addresses.Length == 0)
                throw new WebhookUrlNotAllowedException($"'{host}' resolves only to loopback, link-local or private addresses; not delivered.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 // "this network"
                     || b[0] == 10
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // shared address space (CGNAT)
                     || b[0] == 127
                     || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
                     || b[0] >= 224); // multicast, reserved, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast) return false;
            var b = address.GetAddressBytes();
            if ((b[0] & 0xFE) == 0xFC) return false; // unique local fc00::/7
            if (address.IsIPv6Teredo || (b[0] == 0x20 && b[1] == 0x02)) return false; // tunnels that can embed private IPv4
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) return false; // NAT64
            return true;
        }
        return false;
    }
}
