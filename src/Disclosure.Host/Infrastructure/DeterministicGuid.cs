using System.Security.Cryptography;
using System.Text;

namespace Disclosure.Host.Infrastructure;

/// <summary>A stable stream id derived from a name, so a second start of the same name collides in Marten.</summary>
public static class DeterministicGuid
{
    public static Guid For(string name)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30); // version 3 (name-based, MD5)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
