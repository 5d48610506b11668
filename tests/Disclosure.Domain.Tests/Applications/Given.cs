using Disclosure.Domain.Applications;
using Disclosure.Domain.Calendar;

namespace Disclosure.Domain.Tests.Applications;

/// <summary>Builds a case from past events: the "given" of every specification.</summary>
public static class Given
{
    public static readonly WorkingDayCalendar Official = WorkingDayCalendar.Official;
    public static readonly Guid Id = Guid.Parse("0195a6a0-0000-7000-8000-000000000001");
    public static DateOnly D(string s) => DateOnly.Parse(s);

    public static ApplicationReceived Received(string on = "2025-03-03", string category = "natural_person") =>
        new(Id, "sanchang-park", "SP-2025-00001", "online", new Applicant(category, "张三", "110101199003071234", "13812345678", null, null),
            "园区规划许可", null, D(on));

    public static Application Case(params object[] events) => Application.From(events, Official);

    /// <summary>The 退件 of a posted notice, by the rule (<see cref="Domain.Notices.Delivery.Returned"/>) on the notice as the case holds it.</summary>
    public static Domain.Notices.MailReturned ReturnedMail(Domain.Notices.NoticeDelivered posted, DateOnly on, string? reason, DateOnly today) =>
        Domain.Notices.Delivery.Returned(new IssuedNotice { Number = posted.Number, Deliveries = [posted] }, on, reason, today);
}
