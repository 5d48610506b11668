using Disclosure.Domain.Calendar;
using Disclosure.Host.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Disclosure.Host.Calendar;

public sealed record WorkingDayAnswer(DateOnly From, int Days, DateOnly Date, string Explanation);

public static class GetCalendarEndpoint
{
    /// <summary>The holiday notices in force, year by year.</summary>
    [WolverineGet("/api/calendar", OperationId = "getCalendar", Summary = "节假日安排 · The holiday notices in force")]
    [Authorize, Tags("Calendar")]
    public static IReadOnlyList<HolidayNotice> Get(CalendarStore calendars) => calendars.Current.Notices;

    /// <summary>The day on which <c>days</c> working days counted from the day after <c>from</c> end; 400 naming the year when a notice is missing.</summary>
    [WolverineGet("/api/calendar/working-days", OperationId = "countWorkingDays", Summary = "工作日计算 · Count working days")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<WorkingDayAnswer>(200)]
    [Authorize, Tags("Calendar")]
    public static IResult WorkingDays(CalendarStore calendars, DateOnly? from, int? days)
    {
        var required = new Problems.Required().Check(from is not null, "from").Check(days is >= 0 and <= 366, "days", "'days' is required, 0 to 366.")
            .Add(RequestRules.CheckDates(("from", from)));
        if (!required.Ok) return Results.Json(required.Result(), statusCode: 400, contentType: "application/problem+json");
        try
        {
            var date = calendars.Current.AddWorkingDays(from!.Value, days!.Value);
            return Results.Ok(new WorkingDayAnswer(from.Value, days.Value, date, $"自 {from:yyyy-MM-dd} 次日起第 {days} 个工作日为 {date:yyyy-MM-dd}"));
        }
        catch (CalendarNotAvailable gap)
        {
            return Problems.ValidationResult(new Dictionary<string, string[]> { ["days"] = [gap.Message] });
        }
    }
}
