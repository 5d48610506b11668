using Disclosure.Host.Infrastructure;
using Marten;

namespace Disclosure.Host.Jobs;

/// <summary>
/// A job over many cases (the nightly sweep, a year-end close, a re-derivation after a holiday notice, an erasure): the
/// cases are listed once when it is planned, cut into pages of <see cref="PageSize"/>, and each page is a durable message
/// (<see cref="RunJobPage"/>) whose cases each get their command through the one write path. This document is the job's
/// durable state — what the endpoint and the console's 设置 page show; it moves forward once per page, in the transaction
/// that publishes the next page, so a host killed mid-way leaves a job that the next node simply continues.
/// </summary>
public sealed class Job
{
    public Guid Id { get; set; }
    /// <summary>One of <see cref="JobKinds"/>' names.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The agency the job works for; null for a job over every agency (the sweep, a re-derivation).</summary>
    public string? Agency { get; set; }
    /// <summary>The year a year-end close closes.</summary>
    public int? Year { get; set; }
    /// <summary>An erasure's cut-off (it never shortens the agency's retention period).</summary>
    public DateOnly? ClosedBefore { get; set; }
    /// <summary>Why a re-derivation runs: recorded on every moved due date.</summary>
    public string? Reason { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public int PageSize { get; set; }
    /// <summary>The cases are listed and the pages cut.</summary>
    public bool Planned { get; set; }
    public int Cases { get; set; }
    public int Pages { get; set; }
    public int PagesDone { get; set; }
    /// <summary>Cases looked at (each once, whatever the redeliveries).</summary>
    public int Handled { get; set; }
    /// <summary>Cases on which the write path recorded something (events or reminders).</summary>
    public int Changed { get; set; }
    public int Failed { get; set; }
    /// <summary>The changed cases, the first <see cref="MaxListed"/>.</summary>
    public List<JobCase> Details { get; set; } = [];
    /// <summary>The cases the job could not handle as asked, with the write path's answer, the first <see cref="MaxListed"/>.</summary>
    public List<JobFailure> Failures { get; set; } = [];
    public DateTimeOffset? FinishedAt { get; set; }

    public const int MaxListed = 1000;

    public string State => FinishedAt is not null ? "finished" : Planned ? "running" : "planning";

    /// <summary>Where the job is shown: under its agency, or (every agency) to administrators only.</summary>
    public string Location => Agency is null ? $"/api/jobs/{Id}" : $"/api/agencies/{Agency}/jobs/{Id}";

    public static Job New(string kind, string? agency, string startedBy, DateTimeOffset now, JobSettings settings, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(), Kind = kind, Agency = agency, StartedBy = startedBy, StartedAt = now, PageSize = settings.PageSize,
    };

    /// <summary>The id of a job that must start once however often its trigger is delivered (a recurring message).</summary>
    public static Guid OnceFor(string key) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}

/// <summary>One case of a job: its agency, kind (<c>application</c>, <c>letter</c>) and id.</summary>
public sealed record JobKey(string Agency, string Kind, Guid Id, string? TrackingNumber = null);

/// <summary>A changed case; <c>Old</c>/<c>New</c> say what changed when the job says it (a due date).</summary>
public sealed record JobCase(string Agency, string Kind, Guid Id, string? TrackingNumber, string? Old = null, string? New = null);

public sealed record JobFailure(string Agency, string Kind, Guid Id, string? TrackingNumber, string Message);

/// <summary>The cases of one page, listed when the job is planned (deleted once the page is done).</summary>
public sealed class JobPlan
{
    public string Id { get; set; } = "";
    public Guid Job { get; set; }
    public int Page { get; set; }
    public List<JobKey> Keys { get; set; } = [];

    public static string IdFor(Guid job, int page) => $"{job:N}:{page}";
}

/// <summary>
/// A case a job's command was handled on, stored by the write path in the transaction of the case's own events
/// (<see cref="Cases.CaseCommandHandler"/>): a redelivered page sends nothing to a case with a mark, and a second commit on
/// the same case for the same job fails on the mark's id. Deleted with its page's progress.
/// </summary>
public sealed class JobMark
{
    public string Id { get; set; } = "";
    public Guid Job { get; set; }
    public Guid Case { get; set; }
    public bool Changed { get; set; }
    public string Outcome { get; set; } = "";
    public string? Message { get; set; }

    public static string IdFor(Guid job, Guid @case) => $"{job:N}:{@case:N}";

    /// <summary>Called by the write path's handler: a command sent by a job leaves its mark with the case's transaction.</summary>
    public static Cases.CaseAnswer Record(IDocumentSession session, Cases.CaseCommand command, Cases.CaseAnswer answer)
    {
        // a lost race rolls back or is retried: the case was not handled
        if (command.Job is { } job && answer.Outcome != Cases.CaseOutcome.Conflict && Guid.TryParse(command.Case, out var id))
            session.Insert(new JobMark
            {
                Id = IdFor(job, id), Job = job, Case = id, Outcome = answer.Outcome.ToString(), Message = answer.Succeeded ? null : answer.Message,
                Changed = answer.Outcome == Cases.CaseOutcome.Changed || answer.Notified > 0,
            });
        return answer;
    }
}

/// <summary>
/// How many cases a page holds (configuration <c>Jobs:PageSize</c>, 200 by default: a page takes about a second), and how
/// long a finished job is kept (<c>Jobs:KeepFinishedDays</c>, 400 by default). A job is only the progress of work whose
/// facts are the cases' own events (a moved due date, a carried-forward case, an erasure), so dropping it loses nothing;
/// kept for ever, one sweep a night would leave a province 3,650 job documents a decade.
/// </summary>
public sealed class JobSettings
{
    public int PageSize { get; set; } = 200;
    public int KeepFinishedDays { get; set; } = 400;

    public static JobSettings From(IConfiguration config)
    {
        var size = config.GetValue("Jobs:PageSize", 200);
        if (size is < 1 or > 5000) throw new InvalidOperationException("Jobs:PageSize is from 1 to 5000.");
        var keep = config.GetValue("Jobs:KeepFinishedDays", 400);
        if (keep is < 1 or > 3650) throw new InvalidOperationException("Jobs:KeepFinishedDays is from 1 to 3,650.");
        return new JobSettings { PageSize = size, KeepFinishedDays = keep };
    }
}

public static class JobSetup
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(JobSettings.From(config));
        services.AddSingleton<JobKinds>();
        services.AddSingleton<JobKind, Deadlines.DeadlineSweepJob>();
        services.AddSingleton<JobKind, Calendar.RederiveJob>();
        services.AddSingleton<JobKind, Privacy.ErasureJob>();
        services.AddSingleton<JobKind>(sp => sp.GetRequiredService<YearEnd.YearEndWork>());
        services.ConfigureMarten(opts =>
        {
            // two pages of one job never both move it on: the second commit fails and its page is redelivered (and skipped)
            opts.Schema.For<Job>().UseOptimisticConcurrency(true).Index(j => j.StartedAt).Index(j => j.Agency!).Index(j => j.FinishedAt!);
            opts.Schema.For<JobPlan>().Identity(p => p.Id);
            opts.Schema.For<JobMark>().Identity(m => m.Id).Index(m => m.Job);
        });
        return services;
    }
}
