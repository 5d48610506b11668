using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;

namespace Disclosure.Domain;

/// <summary>
/// Retention (个人信息保护法第四十七条: 保存期限已届满): once a case has been closed for the retention period, its personal data
/// is erased — in the stored events themselves and in the case — while everything the statistics count (applicant
/// category, dates, outcomes, codes) stays. One rule for who is eligible, one for what is blanked.
/// </summary>
public static class PersonalData
{
    public static string Rule(DateOnly closedBefore) => $"保存期限届满（结案早于 {closedBefore:yyyy-MM-dd}），删除个人信息（个人信息保护法第四十七条）";

    public static PersonalDataErased Erase(Application app, DateOnly closedBefore, DateOnly today)
    {
        if (app.PersonalDataErasedOn is { } erased) throw Refusal.Conflict($"The personal data of this application was erased on {erased:yyyy-MM-dd}.");
        if (app.IsOpen || app.Answer is null) throw Refusal.Conflict("Only a closed application's personal data is erased.");
        if (app.Answer.DecidedOn >= closedBefore) throw Refusal.Conflict($"The application was closed on {app.Answer.DecidedOn:yyyy-MM-dd}, not before {closedBefore:yyyy-MM-dd}.");
        return new PersonalDataErased(today, Rule(closedBefore));
    }

    public static PersonalDataErased Erase(Letter letter, DateOnly closedBefore, DateOnly today)
    {
        if (letter.PersonalDataErasedOn is { } erased) throw Refusal.Conflict($"The personal data of this letter was erased on {erased:yyyy-MM-dd}.");
        var closedOn = letter.Status is LetterStatuses.Closed or LetterStatuses.Rejected or LetterStatuses.Reclassified ? letter.ClosedOn ?? letter.RejectedOn : null;
        if (closedOn is null) throw Refusal.Conflict("Only a closed, refused or reclassified letter's personal data is erased.");
        if (closedOn >= closedBefore) throw Refusal.Conflict($"The letter was closed on {closedOn:yyyy-MM-dd}, not before {closedBefore:yyyy-MM-dd}.");
        return new PersonalDataErased(today, Rule(closedBefore));
    }

    /// <summary>A stored event as it must read after erasure; null when it carries nothing personal (it stays as it is).</summary>
    public static object? Masked(object @event) => @event switch
    {
        ApplicationReceived e => e with { Applicant = e.Applicant.Erased(), Description = PersonalDataErased.Placeholder },
        DecisionRecorded { Note: not null } e => e with { Note = PersonalDataErased.Placeholder },
        ApplicationWithdrawn { Reason: not null } e => e with { Reason = PersonalDataErased.Placeholder },
        ConsultationSent e => e with { Party = PersonalDataErased.Placeholder },
        Notices.NoticeDelivered e when e.SignedBy is not null || e.ElectronicConsent is not null =>
            e with { SignedBy = Blanked(e.SignedBy), ElectronicConsent = Blanked(e.ElectronicConsent) },
        LetterReceived e => e with { Writer = Writer.Erased, Subject = PersonalDataErased.Placeholder, Body = PersonalDataErased.Placeholder },
        LetterReplied e => e with { Text = PersonalDataErased.Placeholder },
        LetterRejected { Note: not null } e => e with { Note = PersonalDataErased.Placeholder },
        _ => null,
    };

    private static string? Blanked(string? value) => value is null ? null : PersonalDataErased.Placeholder;
}
