using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;

namespace Disclosure.Host.Applications;

/// <summary>
/// 补正 answered online by the applicant on the status page (reached with the tracking number and query code): its arrival is
/// recorded through the write path like a clerk's 收到补正, so the period restarts from today (条例第三十条).
/// </summary>
[NoStep("the applicant answers on the public status page (/public/status), signed in with the tracking number and query code")]
public sealed record AnswerCorrectionOnline([property: Required, Text(2000, MultiLine = true)] string? Text) : ApplicationCommand, ICarriesFiles
{
    /// <summary>Files sent with the correction (the papers it asked for); the bytes never enter an event.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Upload> Files { get; init; } = [];

    public override IEnumerable<object> Decide(Application current, CaseContext context) =>
        ApplicationDecider.AnswerCorrectionOnline(current, Text, Files, context.Uploads, context.Today, context.Now);
}
