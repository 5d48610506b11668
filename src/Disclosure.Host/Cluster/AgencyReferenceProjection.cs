using JasperFx.Events;
using Marten.Events.Projections;

namespace Disclosure.Host.Cluster;

/// <summary>
/// A document per agency, folded inline from the agency's reference events of one marker (its registration and settings,
/// its notice settings and fee policy), keyed by the agency id across tenants: reference data is not tenant data, and a
/// setting is in force as soon as it is recorded.
/// </summary>
public abstract class AgencyReferenceProjection<TDoc, TEvent> : MultiStreamProjection<TDoc, string> where TDoc : class, new() where TEvent : notnull
{
    protected AgencyReferenceProjection(Func<TEvent, string> agency)
    {
        Identity(agency);
        foreach (var type in Infrastructure.EventStore.Implementing<TEvent>()) IncludeType(type);
        TenancyGrouping = JasperFx.Events.Grouping.TenancyGrouping.AcrossTenants;
    }

    /// <summary>One event folded into the agency's document (<paramref name="e"/>: the stored event, with who recorded it).</summary>
    protected abstract void Fold(TDoc document, TEvent data, IEvent e);

    public override TDoc Evolve(TDoc? snapshot, string id, IEvent e)
    {
        snapshot ??= new TDoc();
        Fold(snapshot, (TEvent)e.Data, e);
        return snapshot;
    }
}
