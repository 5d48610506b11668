using Disclosure.Domain.Agencies;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Disclosure.Host.Agencies;

/// <summary>The agency directory, keyed by the agency's slug (inline: a new agency is usable at once).</summary>
public sealed class AgencyProjection : MultiStreamProjection<Agency, string>
{
    public AgencyProjection()
    {
        Identity<AgencyRegistered>(e => e.AgencyId);
        Identity<LetterTimeLimitsSet>(e => e.AgencyId);
        Identity<ReminderSettingSet>(e => e.AgencyId);
        TenancyGrouping = JasperFx.Events.Grouping.TenancyGrouping.AcrossTenants; // agencies are not tenant data
    }

    public override Agency Evolve(Agency? snapshot, string id, IEvent e)
    {
        snapshot ??= new Agency();
        if (e.Data is AgencyRegistered registered) snapshot.Fold(registered);
        if (e.Data is LetterTimeLimitsSet limits) snapshot.Fold(limits);
        if (e.Data is ReminderSettingSet reminders) snapshot.Fold(reminders);
        return snapshot;
    }
}
