namespace Disclosure.Domain.Applications;

/// <summary>
/// The year-end transition 结转下年度继续办理 (report row 四, next year's row 二) as an explicit fact on every case.
/// </summary>
public static class YearEnd
{
    public const string Rule = "年末结转：12月31日仍未办结的申请，结转下年度继续办理（年度报告表三第四项）";

    /// <summary>The carry-forward a case needs at the end of <paramref name="year"/>, or none (answered by then, received later, already carried).</summary>
    public static CarriedForward? Close(Application app, int year)
    {
        var end = new DateOnly(year, 12, 31);
        if (app.ReceivedOn > end) return null;
        if (app.Answer is { } answer && answer.DecidedOn <= end) return null;
        if (app.CarriedForwardFrom.Contains(year)) return null;
        return new CarriedForward(year, year + 1, app.Applicant.Category, Rule);
    }

    /// <summary>
    /// The events of a step, plus the reversal of every carry-forward the step makes untrue: an answer (or a
    /// corrected answer date) on or before 31 December of a year the case was carried out of.
    /// </summary>
    public static IReadOnlyList<object> Reconcile(Application before, IReadOnlyList<object> events)
    {
        var carried = before.CarriedForwardFrom.ToList();
        var result = new List<object>(events);
        foreach (var e in events)
        {
            DateOnly? answeredOn = e switch
            {
                IAnswerEvent a => a.AnsweredOn,
                DecisionCorrected c => c.DecidedOn,
                _ => null,
            };
            if (answeredOn is not { } on) continue;
            foreach (var year in carried.Where(y => on <= new DateOnly(y, 12, 31)).ToList())
            {
                result.Add(new CarryForwardReversed(year, year + 1, before.Applicant.Category, on,
                    $"答复日期 {on:yyyy-MM-dd} 在 {year} 年内，该申请不应结转下年度"));
                carried.Remove(year);
            }
        }
        return result;
    }
}
