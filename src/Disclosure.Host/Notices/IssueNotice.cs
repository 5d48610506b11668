using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Notices;

/// <summary>
/// A notice issued on its own, after the step it belongs to (the rules: <see cref="NoticeDecider.Issue"/>): the notice of a
/// step recorded before the agency set its notice settings, a 登记回执 on request, a 征求意见书 again. The console offers
/// one form per notice the case can have (its kind, and its consultation, fixed by the form's target).
/// </summary>
/// <param name="IssuedOn">The date of the notice (default today).</param>
/// <param name="ConsultationId">For a 征求意见书 or 征求意见告知书: the consultation.</param>
[Step("notice", "出具告知书", 135, Secondary = true)]
public sealed record IssueNotice(
    [property: Required, Codes(typeof(NoticeKinds))] string? Kind,
    [property: Label("出具日期（留空为今天）")] DateOnly? IssuedOn = null,
    [property: Label("征求意见")] Guid? ConsultationId = null,
    [property: Text(2000, MultiLine = true)] string? Guidance = null,
    [property: Text(2000, MultiLine = true)] string? Information = null,
    bool? PartyIsAgency = null,
    bool? PartyIsPerson = null,
    AnswerNoticeInput? Notice = null) : ApplicationCommand, IIssuesNotices<Application>
{
    // the console's step (Step): a target per notice the case may have now — the kind, and for a consultation's notices
    // the consultation, in its key (kind, or kind~consultation id); the decider then says which of them may be issued
    public static IssueNotice Sample(DateOnly today) => new(NoticeKinds.Receipt, today);

    public static IEnumerable<StepTarget> Targets(Application current)
    {
        yield return Target(NoticeKinds.Receipt, null);
        if (current.Correction is not null) yield return Target(NoticeKinds.Correction, null);
        if (current.Extension is not null) yield return Target(NoticeKinds.Extension, null);
        foreach (var c in current.Consultations)
        {
            yield return Target(NoticeKinds.ConsultationLetter, c);
            yield return Target(NoticeKinds.ConsultationNotice, c);
        }
        if (current.Answer is { } answer) yield return Target(NoticeKinds.AnswerTo(answer.Outcome), null);
    }

    private static StepTarget Target(string kind, Consultation? consultation) =>
        new(consultation is null ? kind : $"{kind}~{consultation.Id:N}",
            NoticeKinds.All.Find(kind)!.Label + (consultation is null ? "" : $"（{consultation.Party}，{consultation.SentOn:yyyy-MM-dd}）"));

    private static (string Kind, Guid? Consultation) Parse(string? key) =>
        key?.Split('~') is [var kind, var id] && Guid.TryParseExact(id, "N", out var g) ? (kind, g) : (key ?? "", null);

    public IssueNotice ForTarget(string? key)
    {
        var (kind, consultation) = Parse(key);
        return this with { Kind = kind, ConsultationId = consultation };
    }

    public static IReadOnlyDictionary<string, string> Fixed(string? key)
    {
        var (kind, consultation) = Parse(key);
        return new Dictionary<string, string> { ["kind"] = kind, ["consultationId"] = consultation?.ToString() ?? "" };
    }

    /// <summary>Each kind's form asks what its notice prints: 补正 its guidance, 征求意见 its information and party, an answer its wording.</summary>
    public static bool Shows(string? key, string field) => (Parse(key).Kind, field) switch
    {
        (_, "issuedOn") => true,
        (NoticeKinds.Correction, "guidance") => true,
        (NoticeKinds.ConsultationLetter, "information" or "partyIsAgency" or "partyIsPerson") => true,
        (NoticeKinds.ConsultationNotice, "partyIsAgency") => true,
        (var kind, var f) when kind.StartsWith(NoticeKinds.AnswerPrefix) => f.StartsWith("notice."),
        _ => false,
    };

    public override IEnumerable<object> Decide(Application current, CaseContext context)
    {
        NoticeDecider.Issue(current, context.Notices, Kind, ConsultationId);
        return []; // the notice itself is the only fact: issued by the write path from Notices
    }

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context)
    {
        var settings = context.Notices.RequireSettings();
        var on = IssuedOn ?? context.Today;
        return
        [
            Kind switch
            {
                NoticeKinds.Receipt => NoticeDrafts.Receipt(after, settings, CaseContext.NumberPending, on),
                NoticeKinds.Correction => NoticeDrafts.Correction(after, settings, CaseContext.NumberPending, on, Guidance),
                NoticeKinds.Extension => NoticeDrafts.Extension(after, settings, CaseContext.NumberPending, on, context.Calendar, context.Settings),
                NoticeKinds.ConsultationLetter => NoticeDrafts.ConsultationLetter(after, ConsultationId!.Value, settings, CaseContext.NumberPending, on,
                    Information, PartyIsAgency ?? false, PartyIsPerson ?? false),
                NoticeKinds.ConsultationNotice => NoticeDrafts.ConsultationNotice(after, ConsultationId!.Value, settings, CaseContext.NumberPending, on, PartyIsAgency ?? false),
                _ => AnswerNoticeInput.Draft(Notice, after, context, on),
            },
        ];
    }
}

public static class IssueNoticeEndpoint
{
    [WolverinePost("/api/agencies/{agency}/applications/{id}/notices", OperationId = "issueNotice", Summary = "出具告知书 · Issue a notice")]
    [Authorize(Roles = Roles.Handling), Tags("Notices")]
    [ProducesResponseType<ApplicationView>(200)]
    public static async Task<IResult> Post(string agency, string id, IssueNotice cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
