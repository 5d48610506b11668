using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;

namespace Disclosure.Host.Applications;

/// <summary>
/// 撤回 before confirmation: the applicant withdraws an online submission the agency has not confirmed yet, on the status page
/// (tracking number and query code). It was never received (条例第三十一条): it leaves the 待确认 list, counted nowhere.
/// </summary>
[NoStep("the applicant withdraws on the public status page (/public/status), signed in with the tracking number and query code")]
public sealed record WithdrawSubmission : ApplicationCommand
{
    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        [ApplicationDecider.WithdrawSubmission(current, context.Today, context.Now)];
}
