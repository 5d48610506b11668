using Disclosure.Host.Security;

namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>The roles as staff call them.</summary>
public static class RoleNames
{
    public static string Of(string role) => role switch
    {
        Roles.Intake => "登记员",
        Roles.Handler => "承办人",
        Roles.Statistician => "统计员",
        Roles.Supervisor => "负责人",
        Roles.Admin => "系统管理员",
        _ => role,
    };
}
