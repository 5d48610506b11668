using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Search.Repeats;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// 关联: the handler agrees with a suggestion (or judges without one) that the application repeats an earlier one
/// (<c>same_request</c>, 条例第三十六条第（六）项) or comes from the same applicant (<c>same_applicant</c>, 条例第三十五条).
/// </summary>
[Step("relation", "关联在先申请（重复申请或同一申请人）", 120, Secondary = true)]
public sealed record RelateApplication(
    [property: Required, Text(60)] string? RelatedTo,
    [property: Required, Codes(typeof(RepeatKinds))] string? Kind) : ApplicationCommand, ICompletedByWritePath<Application>
{
    // the console's sample (Step) names no application: no read for it on every page view, refused only for the missing name
    public static RelateApplication Sample(DateOnly today) => new("", Domain.Search.Repeats.RepeatKinds.SameRequest);
    /// <summary>The application <see cref="RelatedTo"/> names, as the write path found it in the agency.</summary>
    [JsonIgnore]
    public Application? Related { get; init; }

    public CaseNeeds Needs(Application current, CaseContext context) => new(Named: RelatedTo);

    public CaseCommand<Application> CompleteWith(CaseFound found) => this with { Related = found.Named };

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        ApplicationDecider.Relate(current, Related, RelatedTo, Kind, context.Today, context.Today) is { } related ? [related] : [];
}

public static class RelateApplicationEndpoint
{
    /// <summary>Records the link as an event of the later application. <c>relatedTo</c> is the earlier one's id or tracking number.</summary>
    [WolverinePost("/api/agencies/{agency}/applications/{id}/relations", OperationId = "relateApplication", Summary = "关联重复申请或同一申请人的申请 · Link an earlier application")]
    [Authorize(Roles = Roles.Handling), Tags("Applications")]
    public static async Task<IResult> Post(string agency, string id, RelateApplication cmd, IMessageBus bus, CancellationToken ct) =>
        (await bus.SendAsync(agency, cmd with { Case = id }, ct)).ToResult();
}
