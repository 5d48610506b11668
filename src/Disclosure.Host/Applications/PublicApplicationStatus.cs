using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Letters;
using Disclosure.Host.Privacy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// What an applicant sees without logging in: the status, the dates — the receipt date only once confirmed, with the moment
/// of the confirmation (条例第三十一条) — the clock in plain words, the notices issued to them and an open 补正 request;
/// personal data only masked; nothing about the handling inside the agency.
/// </summary>
public sealed record PublicApplicationStatus(string TrackingNumber, string Status, DateOnly? ReceivedOn, DateOnly? DueOn, DateOnly? AnsweredOn,
    string Applicant = "", DateTimeOffset? SubmittedAt = null, DateTimeOffset? ConfirmedAt = null, string? ReturnedReason = null, string Clock = "",
    IReadOnlyList<PublicNotice>? Notices = null, PublicCorrection? Correction = null, IReadOnlyList<PublicFile>? Files = null, bool CanWithdraw = false);

/// <summary>A file the applicant attached: downloadable again with the tracking number and query code (its bytes until erasure).</summary>
public sealed record PublicFile(Guid Id, string Purpose, string Name, long Size, DateTimeOffset At);

/// <summary>A notice issued to the applicant: downloadable as issued (PDF).</summary>
public sealed record PublicNotice(string Number, string Kind, DateOnly IssuedOn);

/// <summary>An open 补正 request: what to correct and by when; answerable online.</summary>
public sealed record PublicCorrection(DateOnly SentOn, IReadOnlyList<string> Items, DateOnly CorrectBy);

public static class PublicApplicationStatusEndpoint
{
    /// <summary>How long a look-up that matches nothing takes at least: guessing codes is slow as well as rate-limited.</summary>
    public static readonly TimeSpan MissDelay = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// No login: the tracking number and the query code given at intake. A wrong code and an unknown number answer the same
    /// 404, after the same pause, and the look-up shares the rate limit of the letters' (per client address), so codes cannot be guessed.
    /// </summary>
    [WolverineGet("/public/applications/{trackingNumber}", OperationId = "publicApplicationStatus", Summary = "申请办理进度查询 · Status of an application by tracking number and query code")]
    [AllowAnonymous, EnableRateLimiting(PublicLetterStatusEndpoint.RateLimitPolicy), Tags("Public")]
    [ProducesResponseType<PublicApplicationStatus>(200)]
    public static async Task<IResult> Get(string trackingNumber, IDocumentStore store, CancellationToken ct, string? code = null) =>
        await FindAsync(store, trackingNumber, code, ct) is { } status ? Results.Ok(status) : Problems.NotFound("No application matches this tracking number and query code.");

    /// <summary>The status, or null for an unknown number or a wrong code (the same answer for both).</summary>
    public static async Task<PublicApplicationStatus?> FindAsync(IDocumentStore store, string trackingNumber, string? code, CancellationToken ct) =>
        await FindCaseAsync(store, trackingNumber, code, ct) is { } app ? Of(app) : null;

    /// <summary>The case the number and code open, or null — after <see cref="MissDelay"/> — for an unknown number or a wrong code.</summary>
    public static async Task<Application?> FindCaseAsync(IDocumentStore store, string? trackingNumber, string? code, CancellationToken ct)
    {
        Application? app = null;
        if (!string.IsNullOrWhiteSpace(code) && !string.IsNullOrWhiteSpace(trackingNumber) && trackingNumber.Length <= 40 && code.Length <= 40)
        {
            var hash = QueryCode.Hash(trackingNumber, code);
            // any agency's: in each database that holds agencies (one, unless there are several)
            app = (await store.InEachDatabaseAsync<Application>(async session => await session.Query<Application>()
                .Where(a => a.AnyTenant() && a.TrackingNumber == trackingNumber && a.QueryCodeHash == hash).Take(1).ToListAsync(ct))).FirstOrDefault();
        }
        if (app is null) await Task.Delay(MissDelay, ct);
        return app;
    }

    public static PublicApplicationStatus Of(Application app) => new(app.TrackingNumber, ApplicationStatuses.PublicLabel(app.Status),
        app.AwaitingConfirmation || app.Returned is not null ? null : app.ReceivedOn, app.IsOpen ? app.DueOn : null, app.Answer?.DecidedOn,
        Mask.Name(app.Applicant.Name, app.Applicant.Category), app.SubmittedAt, app.ConfirmedAt, app.Returned is { ByApplicant: false } r ? r.Reason : null, ClockText(app),
        app.Notices.Where(ToApplicant).Select(n => new PublicNotice(n.Number, Vocabulary.Find(NoticeKinds.All, n.Kind)?.Label ?? n.Kind, n.IssuedOn)).ToList(),
        app.IsOpen && app.Correction is { ReceivedOn: null, LapsedOn: null } c ? new PublicCorrection(c.SentOn, c.Items, c.CorrectBy) : null,
        app.Attachments.Where(f => !f.Erased).Select(f => new PublicFile(f.Id, Vocabulary.Find(AttachmentPurposes.All, f.Purpose)?.Label ?? f.Purpose, f.Name, f.Size, f.At)).ToList(),
        app.AwaitingConfirmation);

    /// <summary>Every notice but the 征求意见书, which goes to the third party consulted.</summary>
    public static bool ToApplicant(Domain.Applications.IssuedNotice notice) => notice.Kind != NoticeKinds.ConsultationLetter;

    /// <summary>The statutory clock as an applicant reads it.</summary>
    public static string ClockText(Application app)
    {
        if (app.Returned is { ByApplicant: true } withdrawn) return $"您于 {withdrawn.At:yyyy-MM-dd HH:mm} 在行政机关确认前撤回了网上提交，不再办理。";
        if (app.Returned is { } returned) return $"{returned.On:yyyy-MM-dd} 行政机关认为您的提交不属于政府信息公开申请，已退回，不计算答复期限。";
        if (app.AwaitingConfirmation)
            return $"您于 {app.SubmittedAt:yyyy-MM-dd HH:mm} 在网上提交了申请，尚待行政机关确认。行政机关确认之日即为收到申请之日，答复期限自次日起计算（条例第三十一条）。";
        if (app.Answer is { } answer) return $"行政机关已于 {answer.DecidedOn:yyyy-MM-dd} 作出答复。";
        if (app.Correction is { ReceivedOn: null, LapsedOn: null } c)
            return $"行政机关于 {c.SentOn:yyyy-MM-dd} 请您补正申请，补正期限至 {c.CorrectBy:yyyy-MM-dd}；收到补正之日起重新计算 20 个工作日的答复期限（条例第三十条）。";
        var received = app.ConfirmedAt is { } at ? $"行政机关于 {at:yyyy-MM-dd HH:mm} 确认收到您的网上申请，收到申请之日为 {app.ReceivedOn:yyyy-MM-dd}（条例第三十一条）。"
            : $"行政机关于 {app.ReceivedOn:yyyy-MM-dd} 收到您的申请。";
        if (app.DueOn is not { } due) return received + "答复期限将在载入节假日安排后确定。";
        return received + $"答复期限为 {due:yyyy-MM-dd}" + (app.Deadline?.Provisional == true ? "（暂定：征求意见或缴费期间不计算在内，结束后确定）" : "")
            + "：自收到申请之日起 20 个工作日，法定节假日不计（条例第三十三条）。";
    }
}
