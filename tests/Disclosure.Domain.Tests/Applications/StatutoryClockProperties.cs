using CsCheck;
using Disclosure.Domain.Applications;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

/// <summary>Properties of the clock over random histories within the years the calendar covers.</summary>
public class StatutoryClockProperties
{
    private static readonly DateOnly First = D("2018-01-02");
    private static readonly Gen<DateOnly> Receipt = Gen.Int[0, 365 * 8 + 100].Select(i => First.AddDays(i)); // up to spring 2026

    private static readonly Gen<object[]> History =
        Gen.Select(Receipt, Gen.Int[0, 3], Gen.Int[0, 20], Gen.Int[0, 10], Gen.Int[1, 25], Gen.Int[0, 2], Gen.Int[0, 12], Gen.Int[1, 20])
            .Select(x =>
            {
                var (received, consultations, extension, correctAfter, correctionDelay, fee, feeStart, feeDays) = x;
                var events = new List<object> { Received(received.ToString("yyyy-MM-dd")) };
                if (correctAfter > 5)
                {
                    var sent = received.AddDays(correctAfter - 5);
                    events.Add(new CorrectionRequested(sent, ["x"], sent.AddDays(15)));
                    events.Add(new CorrectionReceived(sent.AddDays(correctionDelay)));
                }
                for (var i = 0; i < consultations; i++)
                {
                    var id = Guid.NewGuid();
                    var sent = received.AddDays(3 + 4 * i);
                    events.Add(new ConsultationSent(id, sent, "p" + i));
                    if (i % 2 == 0) events.Add(new ConsultationReplied(id, sent.AddDays(2 + 3 * i), true));
                }
                if (fee > 0)
                {
                    events.Add(new FeeNoticeSent(received.AddDays(feeStart), 100m, "per_item"));
                    if (fee > 1) events.Add(new FeePaid(received.AddDays(feeStart + feeDays)));
                }
                if (extension > 0) events.Add(new ExtensionApproved(received.AddDays(10), "主任", extension, "r"));
                return events.ToArray();
            });

    [Fact]
    public void The_due_date_is_always_a_working_day() =>
        History.Sample(events =>
        {
            var app = Case(events);
            return app.DueOn is not { } due || Official.IsWorkingDay(due);
        }, iter: 2000);

    [Fact]
    public void An_exclusion_or_an_extension_never_moves_the_date_earlier() =>
        History.Sample(events =>
        {
            var full = Case(events).DueOn;
            var bare = Case(events.Where(e => e is ApplicationReceived or CorrectionRequested or CorrectionReceived).ToArray()).DueOn;
            return full is null || bare is null || full >= bare;
        }, iter: 2000);

    /// <summary>Starting an exclusion or approving an extension never brings the date forward. (A reply or a payment
    /// may: it ends a period that was provisionally assumed to run its full length.)</summary>
    [Fact]
    public void Each_new_exclusion_or_extension_never_moves_the_date_earlier() =>
        History.Sample(events =>
        {
            DateOnly? previous = null;
            for (var n = 1; n <= events.Length; n++)
            {
                var due = Case(events[..n]).DueOn;
                if (events[n - 1] is CorrectionRequested or CorrectionReceived or ConsultationReplied or FeePaid) { previous = due; continue; }
                if (previous is { } p && due is { } d && d < p) return false;
                previous = due;
            }
            return true;
        }, iter: 1000);

    [Fact]
    public void A_correction_restart_never_yields_a_date_earlier_than_twenty_working_days_after_the_correction() =>
        History.Sample(events =>
        {
            var app = Case(events);
            if (app.Correction?.ReceivedOn is not { } corrected || app.DueOn is not { } due) return true;
            return due >= Official.AddWorkingDays(corrected, 20);
        }, iter: 2000);
}
