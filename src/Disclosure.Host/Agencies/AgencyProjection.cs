using Disclosure.Domain.Agencies;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Disclosure.Host.Agencies;

/// <summary>The agency directory, keyed by the agency's slug (inline: a new agency is usable at once).</summary>
public sealed class AgencyProjection : MultiStreamProjection<Agency, string>
{
    public AgencyProjection()
    {
        Identity<IAgencyEvent>(e => e.AgencyId);
        foreach (var type in Infrastructure.EventStore.Implementing<IAgencyEvent>()) IncludeType(type);
        TenancyGrouping = JasperFx.Events.Grouping.TenancyGrouping.AcrossTenants; // agencies are not tenant data
    }

    public override Agency Evolve(Agency? snapshot, string id, IEvent e)
    {
        snapshot ??= new Agency();
        snapshot.Fold((IAgencyEvent)e.Data);
        return snapshot;
    }
}
