using System.Net;

namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>A refusal a person reads: a short page in Chinese with the status (403 for a role that may not open the page).</summary>
public static class ErrorPage
{
    public static Task WriteAsync(HttpContext http, int status)
    {
        var (title, text) = status switch
        {
            StatusCodes.Status403Forbidden => ("无权访问", "您的角色不能使用此页面。如需办理，请联系本机关的系统管理员。"),
            StatusCodes.Status404NotFound => ("页面不存在", "没有找到这个页面或案件。"),
            _ => ("无法完成", "请求未能完成。"),
        };
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)}</title><link rel="stylesheet" href="{ConsoleSetup.Prefix}/assets/console.css"></head>
            <body><main id="main" class="narrow"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p>
            <p><a href="{ConsoleSetup.Prefix}">返回工作台</a></p></main></body></html>
            """);
    }
}
