using System.Reflection;
using System.Security.Cryptography;

namespace Disclosure.Host.StaffConsole.Assets;

/// <summary>The console's stylesheet and its one small script, embedded in the host (no front-end build, nothing to deploy beside it).</summary>
public static class ConsoleAssets
{
    private static readonly Dictionary<string, (byte[] Content, string Type, string ETag)> Files = Load();

    private static Dictionary<string, (byte[], string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string, string)>();
        foreach (var (file, type) in new[] { ("console.css", "text/css; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream($"Disclosure.Host.Console.Assets.{file}")
                ?? throw new InvalidOperationException($"The console asset {file} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            files[file] = (bytes, type, $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }
        return files;
    }

    public static IResult Serve(string file, HttpContext http)
    {
        if (!Files.TryGetValue(file, out var asset)) return Results.NotFound();
        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = "public, max-age=3600";
        if (http.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.Type);
    }
}
