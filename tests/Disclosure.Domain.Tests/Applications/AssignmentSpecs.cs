using Disclosure.Domain.Applications;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

/// <summary>转办/分办: given an application, when it is assigned to a handler and/or a department, then who holds it.</summary>
public class AssignmentSpecs
{
    private static readonly DateOnly Today = D("2025-06-30");

    private static Refusal Refused(Action when) => Assert.Throws<Refusal>(when);

    [Fact]
    public void A_new_application_is_assigned_to_nobody_until_it_is_assigned()
    {
        var app = Case(Received());
        Assert.Null(app.Handler);
        Assert.Null(app.Department);
    }

    [Fact]
    public void Assigned_to_a_handler_and_a_department_the_case_names_both()
    {
        var e = ApplicationDecider.Assign(Case(Received()), D("2025-03-04"), " lin.handler ", " 法制科 ", " 分办 ", Today);
        Assert.Equal(new ApplicationAssigned(D("2025-03-04"), "lin.handler", "法制科", "分办"), e);
        var app = Case(Received(), e);
        Assert.Equal(("lin.handler", "法制科"), (app.Handler, app.Department));
    }

    [Fact]
    public void Passed_on_to_another_department_without_a_handler_the_new_department_shares_it_out()
    {
        var app = Case(Received(), new ApplicationAssigned(D("2025-03-04"), "lin.handler", "法制科", null));
        var e = ApplicationDecider.Assign(app, D("2025-03-05"), null, "规划科", "不属本科职责", Today);
        Assert.Equal((null, "规划科"), (e.Handler, e.Department));
    }

    [Fact]
    public void Reassigned_to_another_handler_the_department_stays()
    {
        var app = Case(Received(), new ApplicationAssigned(D("2025-03-04"), "lin.handler", "法制科", null));
        var e = ApplicationDecider.Assign(app, D("2025-03-05"), "wang.handler", null, null, Today);
        Assert.Equal(("wang.handler", "法制科"), (e.Handler, e.Department));
    }

    [Fact]
    public void Naming_the_same_department_keeps_its_handler_and_is_refused_as_nothing_changes()
    {
        var app = Case(Received(), new ApplicationAssigned(D("2025-03-04"), "lin.handler", "法制科", null));
        var r = Refused(() => ApplicationDecider.Assign(app, D("2025-03-05"), null, "法制科", null, Today));
        Assert.Equal(RefusalKind.Conflict, r.Kind);
    }

    [Fact]
    public void An_assignment_names_a_handler_or_a_department()
    {
        var r = Refused(() => ApplicationDecider.Assign(Case(Received()), D("2025-03-04"), " ", null, null, Today));
        Assert.Equal((RefusalKind.Invalid, "handler"), (r.Kind, r.Field));
    }

    [Fact]
    public void A_closed_application_is_assigned_no_more_and_no_assignment_is_dated_before_receipt_or_after_today()
    {
        var closed = Case(Received(), new DecisionRecorded(D("2025-03-20"), "disclosed", null, "natural_person"));
        Assert.Equal(RefusalKind.Conflict, Refused(() => ApplicationDecider.Assign(closed, D("2025-03-21"), "lin", null, null, Today)).Kind);
        Assert.Equal("on", Refused(() => ApplicationDecider.Assign(Case(Received()), D("2025-03-01"), "lin", null, null, Today)).Field);
        Assert.Equal("on", Refused(() => ApplicationDecider.Assign(Case(Received()), Today.AddDays(1), "lin", null, null, Today)).Field);
    }

    [Fact]
    public void Erasure_blanks_the_note_of_an_assignment_and_keeps_who_holds_it()
    {
        var masked = Assert.IsType<ApplicationAssigned>(PersonalData.Masked(new ApplicationAssigned(D("2025-03-04"), "lin", "法制科", "申请人林某来电")));
        Assert.Equal(("lin", "法制科", PersonalDataErased.Placeholder), (masked.Handler, masked.Department, masked.Note));
    }
}
