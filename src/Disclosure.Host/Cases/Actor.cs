namespace Disclosure.Host.Cases;

/// <summary>Who recorded a fact: the token's subject, or the system when a rule fired.</summary>
public static class Actor
{
    public const string System = "system";

    public static string Of(System.Security.Claims.ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "anonymous";
}
