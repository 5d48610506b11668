using Disclosure.Domain.Notices;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Disclosure.Host.Notices;

/// <summary>An agency's notice settings, fee policy and template choices, keyed by the agency id (inline: a setting is in force at once).</summary>
public sealed class NoticeSetupProjection : MultiStreamProjection<NoticeSetup, string>
{
    public NoticeSetupProjection()
    {
        Identity<INoticeSetupEvent>(e => e.AgencyId);
        foreach (var type in Infrastructure.EventStore.Implementing<INoticeSetupEvent>()) IncludeType(type);
        TenancyGrouping = JasperFx.Events.Grouping.TenancyGrouping.AcrossTenants; // like the agency itself: not tenant data
    }

    public override NoticeSetup Evolve(NoticeSetup? snapshot, string id, IEvent e)
    {
        snapshot ??= new NoticeSetup();
        snapshot.Fold((INoticeSetupEvent)e.Data, e.UserName);
        return snapshot;
    }
}
