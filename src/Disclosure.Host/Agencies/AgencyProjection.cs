using Disclosure.Domain.Agencies;
using Disclosure.Host.Cluster;
using JasperFx.Events;

namespace Disclosure.Host.Agencies;

/// <summary>The agency directory, keyed by the agency's slug (inline: a new agency is usable at once).</summary>
public sealed class AgencyProjection() : AgencyReferenceProjection<Agency, IAgencyEvent>(e => e.AgencyId)
{
    protected override void Fold(Agency agency, IAgencyEvent data, IEvent e) => agency.Fold(data);
}
