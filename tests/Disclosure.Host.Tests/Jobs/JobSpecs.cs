using Disclosure.Host.Jobs;
using Disclosure.Host.Security;
using Disclosure.Host.YearEnd;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;

namespace Disclosure.Host.Tests.Jobs;

/// <summary>
/// Jobs over many cases (issue #25): pages of durable messages through the write path, each case handled once however
/// the pages are delivered, progress on the job's endpoint.
/// </summary>
public class JobSpecs(AppFixture fixture) : Applications.ApplicationScenario(fixture)
{
    private const int PageSize = 3;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Settings.PageSize = PageSize;
    }

    private JobSettings Settings => Host.Services.GetRequiredService<JobSettings>();

    private async Task<List<Guid>> OpenCases(int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await Receive("2024-12-02"));
        return ids;
    }

    private async Task<int> CarriedForward(Guid id) =>
        (await Get($"{Base}/{id}")).ShouldBe(200).Json.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("type").GetString() == "carried_forward");

    private static (int Pages, int PagesDone, int Cases, int Handled, int Changed, int Failed) Progress(System.Text.Json.JsonElement job) =>
        (job.GetProperty("pages").GetInt32(), job.GetProperty("pagesDone").GetInt32(), job.GetProperty("cases").GetInt32(),
            job.GetProperty("handled").GetInt32(), job.GetProperty("changed").GetInt32(), job.GetProperty("failed").GetInt32());

    [Fact]
    public async Task A_year_close_over_seven_cases_in_pages_of_three_handles_each_case_once_and_shows_its_progress()
    {
        var ids = await OpenCases(7);
        try
        {
            var started = (await Post($"/api/agencies/{Agency}/years/2024/close", null)).ShouldBe(202);
            Assert.StartsWith($"/api/agencies/{Agency}/jobs/", started.Location);
            Assert.Contains(started.Json.GetProperty("state").GetString(), new[] { "planning", "running", "finished" });

            var job = await JobWait.FinishedAsync(Host, Admin, started);
            Assert.Equal((3, 3, 7, 7, 7, 0), Progress(job));
            Assert.Equal(7, job.GetProperty("details").GetArrayLength());
            foreach (var id in ids) Assert.Equal(1, await CarriedForward(id));

            // the agency's own staff see it; another agency's do not, and only administrators see jobs over every agency
            (await Get(started.Location!, Token(Roles.Statistician, Agency))).ShouldBe(200);
            (await Get(started.Location!, Token(Roles.Statistician, "haimen"))).ShouldBe(403);
            (await Get($"/api/jobs/{job.GetProperty("id").GetString()}", Token(Roles.Supervisor, Agency))).ShouldBe(403);
            Assert.Single((await Get($"/api/agencies/{Agency}/jobs", Token(Roles.Handler, Agency))).ShouldBe(200).Json.EnumerateArray());

            // a page delivered again after the job moved past it handles nothing
            var events = await EventCount();
            await Host.InvokeMessageAndWaitAsync(new RunJobPage(Guid.Parse(job.GetProperty("id").GetString()!), 1));
            Assert.Equal(events, await EventCount());
            Assert.Equal((3, 3, 7, 7, 7, 0), Progress((await Get(started.Location!)).ShouldBe(200).Json));
        }
        finally { Settings.PageSize = 200; }
    }

    [Fact]
    public async Task A_job_resumed_after_a_crash_in_the_middle_of_a_page_handles_nothing_twice_and_counts_every_case_once()
    {
        var ids = await OpenCases(7);
        try
        {
            // the state a host killed in the middle of page 0 leaves: the job planned, two cases of the page carried
            // forward through the write path (each command committed with its mark), the page's progress never recorded
            var work = Host.Services.GetRequiredService<YearEndWork>();
            var job = work.NewJob(Agency, 2024, "user-admin");
            var keys = await work.PlanAsync(job, default);
            await using (var session = Store.LightweightSession())
            {
                job.Planned = true;
                job.Cases = keys.Count;
                job.Pages = 3;
                session.Insert(job);
                for (var page = 0; page < 3; page++)
                    session.Store(new JobPlan { Id = JobPlan.IdFor(job.Id, page), Job = job.Id, Page = page, Keys = [.. keys.Skip(page * PageSize).Take(PageSize)] });
                await session.SaveChangesAsync();
            }
            var bus = Host.Services.GetRequiredService<IMessageBus>();
            foreach (var key in keys.Take(2))
                Assert.Equal(Disclosure.Host.Cases.CaseOutcome.Changed,
                    (await Disclosure.Host.Cases.CaseBus.SendAsync(bus, Agency, new CarryForward(2024) { Case = key.Id.ToString(), Job = job.Id }, default)).Outcome);

            // the endpoint shows where it stands
            Assert.Equal((3, 0, 7, 0, 0, 0), Progress((await Get(job.Location)).ShouldBe(200).Json));
            Assert.Equal("running", (await Get(job.Location)).Json.GetProperty("state").GetString());

            // when the page is delivered again (the inbox gives it to the next node), the job finishes
            await bus.PublishAsync(new RunJobPage(job.Id, 0));
            var done = await JobWait.FinishedAsync(url => Get(url), job.Location);
            Assert.Equal((3, 3, 7, 7, 7, 0), Progress(done)); // the two carried before the crash count as carried, once
            foreach (var id in ids) Assert.Equal(1, await CarriedForward(id));

            // and the year is closed with every carried case counted
            await using var query = Store.QuerySession(Agency);
            var closed = (await query.Events.FetchStreamAsync(Disclosure.Host.Reporting.ReportBuilder.FileId(Agency, 2024)))
                .Select(e => e.Data).OfType<Disclosure.Domain.Reporting.YearClosed>().ToList();
            Assert.Equal(7, Assert.Single(closed).Carried);
        }
        finally { Settings.PageSize = 200; }
    }

    [Fact]
    public async Task A_second_commit_for_the_same_job_on_a_case_fails_on_its_mark_so_nothing_is_recorded_twice()
    {
        var id = (await OpenCases(1))[0];
        var bus = Host.Services.GetRequiredService<IMessageBus>();
        var job = Guid.NewGuid();
        var first = await Disclosure.Host.Cases.CaseBus.SendAsync(bus, Agency, new Disclosure.Host.Deadlines.ApplyDeadlines<Disclosure.Domain.Applications.Application> { Case = id.ToString(), Job = job }, default);
        Assert.True(first.Succeeded);
        var second = await Disclosure.Host.Cases.CaseBus.SendAsync(bus, Agency, new Disclosure.Host.Deadlines.ApplyDeadlines<Disclosure.Domain.Applications.Application> { Case = id.ToString(), Job = job }, default);
        Assert.Equal(Disclosure.Host.Cases.CaseOutcome.Conflict, second.Outcome);
    }

    [Fact]
    public async Task The_sweep_over_two_agencies_runs_in_pages_and_only_administrators_follow_it()
    {
        await CreateAgency("haimen", code: "HM");
        var ids = await OpenCases(4);
        (await Post("/api/agencies/haimen/applications", Intake("2025-06-02"))).ShouldBe(201);
        try
        {
            var started = (await Post("/api/deadlines/sweep", new { })).ShouldBe(202);
            Assert.StartsWith("/api/jobs/", started.Location);
            var job = await JobWait.FinishedAsync(Host, Admin, started);
            Assert.Equal((2, 2, 5, 5), (job.GetProperty("pages").GetInt32(), job.GetProperty("pagesDone").GetInt32(), job.GetProperty("cases").GetInt32(), job.GetProperty("handled").GetInt32()));
            Assert.Equal(0, job.GetProperty("failed").GetInt32());
            (await Get(started.Location!, Token(Roles.Supervisor, Agency))).ShouldBe(403);
            (await Get($"/api/agencies/{Agency}/jobs/{job.GetProperty("id").GetString()}", Token(Roles.Supervisor, Agency))).ShouldBe(404);
        }
        finally { Settings.PageSize = 200; }
    }

    [Fact]
    public async Task A_job_finishing_clears_the_jobs_finished_beyond_the_kept_period_and_keeps_the_rest()
    {
        var clock = Host.Services.GetRequiredService<Disclosure.Host.Infrastructure.BusinessClock>();
        Job Old(string kind, int startedDaysAgo, int? finishedDaysAgo)
        {
            var job = Job.New(kind, Agency, "user-admin", clock.Now.AddDays(-startedDaysAgo), Settings);
            job.Planned = true;
            job.FinishedAt = finishedDaysAgo is { } days ? clock.Now.AddDays(-days) : null;
            return job;
        }

        var expired = Old("year-close", Settings.KeepFinishedDays + 30, Settings.KeepFinishedDays + 29);
        var kept = Old("year-close", Settings.KeepFinishedDays - 2, Settings.KeepFinishedDays - 3);
        var stillRunning = Old("year-close", Settings.KeepFinishedDays + 100, null);
        await using (var session = Store.LightweightSession())
        {
            session.Store(expired, kept, stillRunning);
            await session.SaveChangesAsync();
        }

        await OpenCases(1);
        var started = (await Post($"/api/agencies/{Agency}/years/2024/close", null)).ShouldBe(202);
        await JobWait.FinishedAsync(Host, Admin, started);

        await using var query = Store.QuerySession();
        Assert.Null(await query.LoadAsync<Job>(expired.Id));
        Assert.NotNull(await query.LoadAsync<Job>(kept.Id));
        Assert.NotNull(await query.LoadAsync<Job>(stillRunning.Id));
        Assert.NotNull(await query.LoadAsync<Job>(Guid.Parse(started.Json.GetProperty("id").GetString()!)));
    }
}
