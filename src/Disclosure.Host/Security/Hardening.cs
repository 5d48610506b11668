namespace Disclosure.Host.Security;

/// <summary>
/// Security headers on every response, and a body-size limit that holds behind any server (Kestrel enforces its
/// own; a proxy or the test server may not). The API serves JSON and a printable HTML report with inline styles
/// only, so the content policy forbids everything else; the API reference page (/docs) needs its own scripts.
/// </summary>
public sealed class Hardening(RequestDelegate next, long defaultMaxBodyBytes, long uploadMaxBodyBytes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // the public forms that take files (网上申请, 在线补正) may send up to the files' limits; every other request the default
        var maxBodyBytes = defaultMaxBodyBytes;
        if (Applications.AttachmentSettings.TakesFiles(context.Request))
        {
            maxBodyBytes = Math.Max(defaultMaxBodyBytes, uploadMaxBodyBytes);
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBodyBytes;
        }
        if (context.Request.ContentLength > maxBodyBytes || (context.Request.ContentLength is null && !await BufferedWithinLimitAsync(context, maxBodyBytes)))
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(statusCode: 413, title: "Request too large.", detail: $"Requests are limited to {maxBodyBytes:N0} bytes.").ExecuteAsync(context);
            return;
        }
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (StaffConsole.ConsoleSetup.IsPage(context.Request.Path))
            headers.ContentSecurityPolicy = StaffConsole.ConsoleSetup.ContentSecurityPolicy;
        else if (!context.Request.Path.StartsWithSegments("/docs"))
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/public") || StaffConsole.ConsoleSetup.IsPage(context.Request.Path))
            headers.CacheControl = "no-store";
        await next(context);
    }

    /// <summary>
    /// A body sent without a length (chunked) is read up to the limit before anything parses it, so an endpoint never
    /// sees a body the limit refuses and the answer is 413 whatever server or proxy is in front.
    /// </summary>
    private static async Task<bool> BufferedWithinLimitAsync(HttpContext context, long maxBodyBytes)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) return true;
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes) return false;
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        context.Request.Body = buffer;
        context.Request.ContentLength = buffer.Length;
        return true;
    }
}
