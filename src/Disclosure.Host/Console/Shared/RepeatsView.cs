using Disclosure.Domain.Applications;
using Disclosure.Host.Search;

namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>What a handler may link from the case page: the case version the forms carry, and the links already recorded.</summary>
public sealed record RelateForm(long Version, IReadOnlyList<(Guid CaseId, string Kind)> Linked);

/// <summary>
/// The repeats of a request as a page shows them (<c>_Repeats</c>): the suggestions with their reasons (null when the check
/// could not run), the links recorded, the applicant's counts; <see cref="Relate"/> when the user may record a link.
/// </summary>
public sealed record RepeatsView(string Agency, RepeatReport? Report, IReadOnlyList<CaseRelation> Relations, IReadOnlyList<ApplicantCount> Counts, RelateForm? Relate = null);
