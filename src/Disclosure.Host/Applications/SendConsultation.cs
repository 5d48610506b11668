using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Domain.Notices;
using Disclosure.Host.Notices;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// 征求意见 of a third party or another agency (条例第三十二条、第三十四条); the time is not counted. Once the agency issues
/// notices, the 征求意见书 to the party and the 征求意见告知书 to the applicant are issued with it. <c>information</c>: the
/// information the party is asked about (default: the request); <c>partyIsAgency</c>: an agency that made it jointly
/// (第三十四条, silence = consent); <c>partyIsPerson</c>: a natural person (addressed 您).
/// </summary>
[Step("consultation", "征求意见", 40)]
public sealed record SendConsultation([property: Required] DateOnly? SentOn, [property: Required, Text(200)] string? Party,
    [property: NoticeText, Text(2000, MultiLine = true)] string? Information = null, [property: NoticeText] bool? PartyIsAgency = null,
    [property: NoticeText] bool? PartyIsPerson = null) : ApplicationCommand, IIssuesNotices<Application>, IMintsIds<Application>
{
    /// <summary>The new consultation's id, minted by the write path.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid ConsultationId { get; init; }

    public CaseCommand<Application> WithNewIds() => this with { ConsultationId = Guid.CreateVersion7() };

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.SendConsultation(current, ConsultationId, SentOn!.Value, Party, context.Today)];

    public IEnumerable<NoticeModel> Notices(Application after, CaseContext context)
    {
        var settings = context.Notices.RequireSettings();
        var agency = PartyIsAgency ?? false;
        return
        [
            NoticeDrafts.ConsultationLetter(after, ConsultationId, settings, CaseContext.NumberPending, SentOn!.Value, Information, agency, PartyIsPerson ?? false),
            NoticeDrafts.ConsultationNotice(after, ConsultationId, settings, CaseContext.NumberPending, SentOn.Value, agency),
        ];
    }
}

public sealed record ConsultationStarted(Guid ConsultationId, ApplicationView Application);

public static class SendConsultationEndpoint
{

    [WolverinePost("/api/agencies/{agency}/applications/{id}/consultations", OperationId = "sendConsultation", Summary = "征求意见 · Consult a third party or agency")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    [ProducesResponseType<ConsultationStarted>(200)]
    public static async Task<IResult> Post(string agency, string id, SendConsultation cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult(answer =>
            Results.Ok(new ConsultationStarted(((SendConsultation)answer.Command!).ConsultationId, (ApplicationView)answer.View())));
}
