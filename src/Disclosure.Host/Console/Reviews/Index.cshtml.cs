using Disclosure.Host.Reviews;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Reviews;

/// <summary>复议诉讼: the open review cases, the reply soonest due first, overdue ones marked (行政复议法第四十八条、第五十四条; 行政诉讼法第六十七条).</summary>
[Authorize(Roles = Roles.Reading)]
public sealed class IndexModel(IDocumentStore store) : ConsolePage
{
    /// <summary>Only those whose reply is past due and still owed.</summary>
    [FromQuery(Name = "overdue")] public bool OverdueOnly { get; set; }

    public IReadOnlyList<ReviewSummary> Items { get; private set; } = [];
    public int OverdueCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(AgencyId);
        var open = await GetReviewEndpoints.ListAsync(session, Today, open: true, overdue: null, application: null, ct);
        OverdueCount = open.Count(r => r.Overdue);
        Items = OverdueOnly ? open.Where(r => r.Overdue).ToList() : open;
    }
}
