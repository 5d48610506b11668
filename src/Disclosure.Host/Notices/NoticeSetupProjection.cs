using Disclosure.Domain.Notices;
using Disclosure.Host.Cluster;
using JasperFx.Events;

namespace Disclosure.Host.Notices;

/// <summary>An agency's notice settings, fee policy and template choices, keyed by the agency id (inline: a setting is in force at once).</summary>
public sealed class NoticeSetupProjection() : AgencyReferenceProjection<NoticeSetup, INoticeSetupEvent>(e => e.AgencyId)
{
    protected override void Fold(NoticeSetup setup, INoticeSetupEvent data, IEvent e) => setup.Fold(data, e.UserName);
}
