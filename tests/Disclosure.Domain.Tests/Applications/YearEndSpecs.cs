using Disclosure.Domain.Applications;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

public class YearEndSpecs
{
    [Fact]
    public void An_application_open_on_31_December_is_carried_forward_once()
    {
        var app = Case(Received("2024-12-02"));
        var carry = YearEnd.Close(app, 2024);
        Assert.Equal((2024, 2025, "natural_person"), (carry!.FromYear, carry.ToYear, carry.ApplicantCategory));
        Assert.Null(YearEnd.Close(Case(Received("2024-12-02"), carry), 2024));
    }

    [Fact]
    public void Answered_by_31_December_or_received_later_is_not_carried()
    {
        Assert.Null(YearEnd.Close(Case(Received("2024-12-02"), new DecisionRecorded(D("2024-12-31"), "disclosed", null, "natural_person")), 2024));
        Assert.NotNull(YearEnd.Close(Case(Received("2024-12-02"), new DecisionRecorded(D("2025-01-02"), "disclosed", null, "natural_person")), 2024));
        Assert.Null(YearEnd.Close(Case(Received("2025-01-02")), 2024));
    }

    private static readonly CarriedForward Carried2024 = new(2024, 2025, "natural_person", "r");
    private static readonly int[] Closed2024 = [2024];

    [Fact]
    public void A_late_recorded_answer_dated_in_the_old_year_reverses_the_carry_forward()
    {
        var decision = new DecisionRecorded(D("2024-12-31"), "disclosed", null, "natural_person");
        var events = YearEnd.Reconcile(Case(Received("2024-12-02"), Carried2024, decision), [decision], Closed2024);
        var reversal = Assert.IsType<CarryForwardReversed>(events[1]);
        Assert.Equal((2024, D("2024-12-31")), (reversal.FromYear, reversal.AnsweredOn));
        var inTheNewYear = new DecisionRecorded(D("2025-01-02"), "disclosed", null, "natural_person");
        Assert.Single(YearEnd.Reconcile(Case(Received("2024-12-02"), Carried2024, inTheNewYear), [inTheNewYear], Closed2024));
    }

    [Fact]
    public void A_correction_that_moves_the_answer_back_into_the_old_year_reverses_too()
    {
        var correction = new DecisionCorrected(D("2025-01-10"), "disclosed", D("2025-01-03"), "disclosed", D("2024-12-30"), "日期录错", "natural_person");
        var after = Case(Received("2024-12-02"), Carried2024, new DecisionRecorded(D("2025-01-03"), "disclosed", null, "natural_person"), correction);
        Assert.IsType<CarryForwardReversed>(YearEnd.Reconcile(after, [correction], Closed2024)[1]);
    }

    [Fact]
    public void A_correction_that_moves_the_answer_out_of_a_closed_year_carries_the_case_forward()
    {
        // answered 2024-12-30, so the 2024 close did not carry it; corrected to 2025-01-06 after the close
        var correction = new DecisionCorrected(D("2025-01-10"), "disclosed", D("2024-12-30"), "disclosed", D("2025-01-06"), "日期录错", "natural_person");
        var after = Case(Received("2024-12-02"), new DecisionRecorded(D("2024-12-30"), "disclosed", null, "natural_person"), correction);
        var carried = Assert.IsType<CarriedForward>(YearEnd.Reconcile(after, [correction], Closed2024)[1]);
        Assert.Equal((2024, 2025), (carried.FromYear, carried.ToYear));
        Assert.Single(YearEnd.Reconcile(after, [correction], []));   // a year not closed yet: the close will see it
    }

    [Fact]
    public void An_application_recorded_after_the_close_but_received_in_the_closed_year_is_carried_forward()
    {
        var received = Received("2024-12-20");
        var events = YearEnd.Reconcile(Case(received), [received], Closed2024);
        Assert.IsType<CarriedForward>(events[1]);
        Assert.Single(YearEnd.Reconcile(Case(Received("2025-01-03")), [Received("2025-01-03")], Closed2024));
    }
}
