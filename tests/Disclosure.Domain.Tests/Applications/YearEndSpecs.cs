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

    [Fact]
    public void A_late_recorded_answer_dated_in_the_old_year_reverses_the_carry_forward()
    {
        var carried = Case(Received("2024-12-02"), new CarriedForward(2024, 2025, "natural_person", "r"));
        var decision = new DecisionRecorded(D("2024-12-31"), "disclosed", null, "natural_person");
        var events = YearEnd.Reconcile(carried, [decision]);
        var reversal = Assert.IsType<CarryForwardReversed>(events[1]);
        Assert.Equal((2024, D("2024-12-31")), (reversal.FromYear, reversal.AnsweredOn));
        Assert.Single(YearEnd.Reconcile(carried, [new DecisionRecorded(D("2025-01-02"), "disclosed", null, "natural_person")]));
    }

    [Fact]
    public void A_correction_that_moves_the_answer_back_into_the_old_year_reverses_too()
    {
        var app = Case(Received("2024-12-02"), new CarriedForward(2024, 2025, "natural_person", "r"), new DecisionRecorded(D("2025-01-03"), "disclosed", null, "natural_person"));
        var correction = new DecisionCorrected(D("2025-01-10"), "disclosed", D("2025-01-03"), "disclosed", D("2024-12-30"), "日期录错", "natural_person");
        Assert.IsType<CarryForwardReversed>(YearEnd.Reconcile(app, [correction])[1]);
    }
}
