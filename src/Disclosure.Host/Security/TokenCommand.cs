namespace Disclosure.Host.Security;

/// <summary>
/// <c>token --user U --role R [--role R2] --agency A [--agency A2] [--hours H]</c>: prints a bearer token
/// signed with the configured key (in Development, the development key).
/// </summary>
public static class TokenCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "token";

    public static int Run(string[] args)
    {
        string? user = null;
        var roles = new List<string>();
        var agencies = new List<string>();
        var hours = 12.0;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--user" when value is not null: user = value; i++; break;
                case "--role" when value is not null: roles.Add(value); i++; break;
                case "--agency" when value is not null: agencies.Add(value); i++; break;
                case "--hours" when value is not null && double.TryParse(value, out var h) && h > 0: hours = h; i++; break;
                default:
                    return Usage($"unexpected argument '{args[i]}'");
            }
        }
        if (user is null) return Usage("--user is required");
        if (roles.Count == 0) return Usage("at least one --role is required");
        var unknown = roles.Except(Roles.All).ToList();
        if (unknown.Count > 0) return Usage($"unknown role(s) {string.Join(", ", unknown)}; roles are {string.Join(", ", Roles.All)}");
        if (agencies.Count == 0 && !roles.Contains(Roles.Admin)) return Usage("at least one --agency is required unless the role is admin");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        var settings = AuthSettings.From(builder.Configuration, builder.Environment);
        Console.WriteLine(settings.IssueToken(user, roles, agencies, TimeSpan.FromHours(hours)));
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"token: {problem}");
        Console.Error.WriteLine("usage: token --user U --role R [--role R2] --agency A [--agency A2] [--hours H]");
        return 2;
    }
}
