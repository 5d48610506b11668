namespace Disclosure.Host.Cases;

/// <summary>Which list of the agency's staff a field picks from (<see cref="StaffConsole.SignIn.StaffRegister"/>).</summary>
public enum StaffList { Handlers, Departments }

/// <summary>
/// A text field of a command whose value is one of the agency's staff (a handler's user name, a department): the console
/// offers the ones it knows as a list to choose from, beside a box for one it does not know yet. The API takes the text.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PickStaffAttribute(StaffList list) : Attribute
{
    public StaffList List { get; } = list;
}
