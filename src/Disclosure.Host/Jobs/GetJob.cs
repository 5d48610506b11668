using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Jobs;

public static class GetJobEndpoint
{
    /// <summary>A job of the agency (a year-end close, an erasure): its state, pages done, cases handled and changed, failures.</summary>
    [WolverineGet("/api/agencies/{agency}/jobs/{id}", OperationId = "getAgencyJob", Summary = "后台作业进度 · A job of the agency")]
    [Authorize(Roles = Roles.ReadingSettings), Tags("Jobs")]
    [ProducesResponseType<Job>(200)]
    public static async Task<IResult> Get(string agency, Guid id, IDocumentStore store, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<Job>(id, ct) is { } job && job.Agency == agency ? Results.Ok(job) : Problems.NotFound("There is no such job of the agency.");
    }

    /// <summary>The agency's latest jobs, newest first.</summary>
    [WolverineGet("/api/agencies/{agency}/jobs", OperationId = "listAgencyJobs", Summary = "后台作业 · The agency's latest jobs")]
    [Authorize(Roles = Roles.ReadingSettings), Tags("Jobs")]
    [ProducesResponseType<IReadOnlyList<Job>>(200)]
    public static async Task<IResult> List(string agency, IDocumentStore store, CancellationToken ct) =>
        Results.Ok(await LatestAsync(store, agency, ct));

    /// <summary>Any job, including those over every agency (the sweep, a re-derivation): administrators only.</summary>
    [WolverineGet("/api/jobs/{id}", OperationId = "getJob", Summary = "后台作业进度 · A job")]
    [Authorize(Roles = Roles.Administering), Tags("Jobs")]
    [ProducesResponseType<Job>(200)]
    public static async Task<IResult> GetAny(Guid id, IDocumentStore store, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<Job>(id, ct) is { } job ? Results.Ok(job) : Problems.NotFound("There is no such job.");
    }

    /// <summary>The latest jobs of one agency, or (null) those over every agency.</summary>
    public static async Task<IReadOnlyList<Job>> LatestAsync(IDocumentStore store, string? agency, CancellationToken ct, int count = 10)
    {
        await using var query = store.QuerySession();
        var jobs = agency is null ? query.Query<Job>().Where(j => j.Agency == null) : query.Query<Job>().Where(j => j.Agency == agency);
        return await jobs.OrderByDescending(j => j.StartedAt).Take(count).ToListAsync(ct);
    }
}

/// <summary>How the console names a job and its state.</summary>
public static class JobLabels
{
    public static string Kind(Job job) => job.Kind switch
    {
        Deadlines.DeadlineSweepJob.KindName => "期限检查（全部机关）",
        YearEnd.YearEndWork.KindName => $"{job.Year} 年末结转",
        Calendar.RederiveJob.KindName => "节假日安排变更后重算期限（全部机关）",
        Privacy.ErasureJob.KindName => "删除保存期满的个人信息",
        _ => job.Kind,
    };

    public static string State(Job job) => job.State switch
    {
        "finished" => job.Failed > 0 ? "已完成（有未能处理的案件）" : "已完成",
        "running" => "进行中",
        _ => "准备中",
    };
}
