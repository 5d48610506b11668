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
    /// <summary>Accept or refuse a mailbox letter: the intake desk does, as do handlers.</summary>
    public const string LetterDesk = Intake + "," + Handler + "," + Supervisor + "," + Admin;
    /// <summary>An agency's settings (letter time limits, reminders): supervisors and administrators.</summary>
    public const string Supervising = Supervisor + "," + Admin;
    /// <summary>Read an agency's settings: everyone who works there.</summary>
    public const string ReadingSettings = Reading + "," + Statistician;
    /// <summary>Enter the parts of the report that come from elsewhere (table 二, the narrative).</summary>
    public const string ReportEditing = Statistician + "," + Admin;

    public const string RoleClaim = "role";
    public const string AgencyClaim = "agency";
    /// <summary>The staff member's department (承办部门) within the agency, optional: what the worklist's 本部门 filter shows.</summary>
    public const string DepartmentClaim = "department";
}
