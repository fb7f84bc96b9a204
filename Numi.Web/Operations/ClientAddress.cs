using System.Net;
using System.Net.Sockets;

namespace Numi.Web.Operations;

/// <summary>The key a per-client limit counts under.</summary>
public static class ClientAddress
{
    /// <summary>A client's address; for IPv6 its /64 network, which one subscriber usually holds whole.</summary>
    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var network = address.GetAddressBytes();
        Array.Clear(network, 8, 8);
        return new IPAddress(network) + "/64";
    }
}
