using Disclosure.Host.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>What an error page says and where it leads back to.</summary>
public sealed record ErrorView(int Status, string Title, string Text, string Home, string HomeLabel);

/// <summary>
/// A refusal a person reads: a page in Chinese with the status (403 for a role that may not open the page), drawn in the
/// console's layout — header, menu, who is signed in — with a way back: their own start page (the worklist; the report
/// for a statistician) and, with the script, the page they came from (the host sends no Referer: history is the browser's).
/// Never a dead end.
/// </summary>
public static class ErrorPage
{
    public const string View = "/Console/Shared/Error.cshtml";

    public static Task WriteAsync(HttpContext http, int status, string? why = null)
    {
        var (title, text) = status switch
        {
            StatusCodes.Status403Forbidden => ("无权访问", "您的角色不能使用此页面。如需办理，请联系本机关的系统管理员。"),
            StatusCodes.Status404NotFound => ("页面不存在", "没有找到这个页面或案件。"),
            _ => ("无法完成", "请求未能完成。"),
        };
        var (home, homeLabel) = Home(http);
        var model = new ErrorView(status, title, why ?? text, home, homeLabel);
        http.Response.StatusCode = status;
        var services = http.RequestServices;
        var viewData = new ViewDataDictionary<ErrorView>(services.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary()) { Model = model };
        var result = new ViewResult { ViewName = View, ViewData = viewData, StatusCode = status, ContentType = "text/html; charset=utf-8" };
        return result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }

    private static (string, string) Home(HttpContext http)
    {
        var agency = http.GetRouteValue(AgencyGate.RouteArgument)?.ToString();
        if (http.User.Identity?.IsAuthenticated != true || agency is null) return (ConsoleSetup.Prefix, "返回首页");
        if (!Roles.Reading.Split(',').Any(http.User.IsInRole) && Roles.Reporting.Split(',').Any(http.User.IsInRole))
            return ($"{ConsoleSetup.Prefix}/{agency}/reports/{http.RequestServices.GetRequiredService<Infrastructure.BusinessClock>().Today.Year}", "返回年度报告");
        return ($"{ConsoleSetup.Prefix}/{agency}", "返回工作台");
    }
}
