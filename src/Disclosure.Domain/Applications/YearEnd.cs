namespace Disclosure.Domain.Applications;

/// <summary>
/// The year-end transition 结转下年度继续办理 (report row 四, next year's row 二) as an explicit fact on every case. One
/// rule, <see cref="OpenAtEndOf"/>, decides both the close and every later reconciliation.
/// </summary>
public static class YearEnd
{
    public const string Rule = "年末结转：12月31日仍未办结的申请，结转下年度继续办理（年度报告表三第四项）";

    /// <summary>The case was received by 31 December of <paramref name="year"/> and not answered by then.</summary>
    public static bool OpenAtEndOf(Application app, int year)
    {
        var end = new DateOnly(year, 12, 31);
        if (app.AwaitingConfirmation || app.Returned is not null) return false; // an online submission is received only once confirmed
        return app.ReceivedOn <= end && !(app.Answer is { } answer && answer.DecidedOn <= end);
    }

    /// <summary>The carry-forward a case needs at the end of <paramref name="year"/>, or none (answered by then, received later, already carried).</summary>
    public static CarriedForward? Close(Application app, int year) =>
        OpenAtEndOf(app, year) && !app.CarriedForwardFrom.Contains(year)
            ? new CarriedForward(year, year + 1, app.Applicant.Category, Rule)
            : null;

    /// <summary>
    /// The events of a step, plus what keeps the carry-forward records true for every year already closed: an answer
    /// (or a corrected answer date) on or before 31 December of a year the case was carried out of reverses that
    /// carry-forward; a corrected answer date moved past 31 December of a closed year — or a case recorded late, received
    /// in a closed year and still open — carries it forward.
    /// </summary>
    /// <param name="after">The case with the step's events folded in.</param>
    /// <param name="closedYears">The years the agency has closed.</param>
    public static IReadOnlyList<object> Reconcile(Application after, IReadOnlyList<object> events, IEnumerable<int> closedYears)
    {
        var result = new List<object>(events);
        foreach (var year in closedYears.Concat(after.CarriedForwardFrom).Distinct().Order())
        {
            var open = OpenAtEndOf(after, year);
            var carried = after.CarriedForwardFrom.Contains(year);
            if (open && !carried)
                result.Add(new CarriedForward(year, year + 1, after.Applicant.Category,
                    $"{Rule}；{year} 年已结转，该申请于年末仍未办结（更正后的答复日期或补录的申请）"));
            else if (!open && carried)
                result.Add(new CarryForwardReversed(year, year + 1, after.Applicant.Category, after.Answer!.DecidedOn,
                    $"答复日期 {after.Answer.DecidedOn:yyyy-MM-dd} 在 {year} 年内，该申请不应结转下年度"));
        }
        return result;
    }
}
