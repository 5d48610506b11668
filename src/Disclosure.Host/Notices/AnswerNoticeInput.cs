using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.Notices;

/// <summary>
/// What the clerk adds to the answer notice (告知书) of a decision: see <see cref="AnswerDraft"/>. Needed once the agency
/// issues notices: 予以公开 and 部分公开 say how the information is provided, 部分公开 names the part withheld, why, and
/// its ground (<c>variant</c>: the withheld_* code whose article it is withheld under), 其他处理 has its own decision and basis.
/// </summary>
public sealed record AnswerNoticeInput(
    [property: Text(60), Codes(typeof(AnswerVariants))] string? Variant,
    [property: Text(500, MultiLine = true)] string? Findings,
    [property: Text(4000, MultiLine = true)] string? Decision,
    [property: Text(2000, MultiLine = true)] IReadOnlyList<string>? Reasons,
    [property: Text(1000, MultiLine = true)] IReadOnlyList<string>? Provision,
    [property: Text(500)] string? Basis)
{
    private static readonly HashSet<string> DraftFields = ["variant", "findings", "decision", "reasons", "provision", "basis"];

    /// <summary>The answer notice of the case's answer, dated <paramref name="issuedOn"/>; a refusal names the field under <c>notice.</c>.</summary>
    public static NoticeModel Draft(AnswerNoticeInput? input, Application app, CaseContext context, DateOnly issuedOn) =>
        Prefixed("notice.", () => NoticeDrafts.Answer(app, context.Notices.RequireSettings(), CaseContext.NumberPending, issuedOn,
            input is null ? new AnswerDraft() : new AnswerDraft(input.Variant, input.Findings, input.Decision, input.Reasons, input.Provision, input.Basis)));

    private static NoticeModel Prefixed(string prefix, Func<NoticeModel> draft)
    {
        try
        {
            return draft();
        }
        catch (Refusal refusal) when (refusal.Kind == RefusalKind.Invalid && DraftFields.Contains(refusal.Field))
        {
            throw Refusal.Invalid(prefix + refusal.Field, refusal.Text);
        }
    }
}
