namespace Disclosure.Host.Security;

/// <summary>The roles of the contract (api-contract.md §Access). <c>admin</c> may act for any agency.</summary>
public static class Roles
{
    public const string Intake = "intake";
    public const string Handler = "handler";
    public const string Statistician = "statistician";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly string[] All = [Intake, Handler, Statistician, Supervisor, Admin];

    // Comma lists for [Authorize(Roles = …)]: who may do what.
    public const string Registering = Intake + "," + Admin;
    public const string Handling = Handler + "," + Supervisor + "," + Admin;
    public const string Reading = Intake + "," + Handler + "," + Supervisor + "," + Admin;
    public const string Reporting = Statistician + "," + Supervisor + "," + Admin;
    public const string Administering = Admin;

    public const string RoleClaim = "role";
    public const string AgencyClaim = "agency";
}
