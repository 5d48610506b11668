using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Notices;
using Disclosure.Host.Agencies;
using Disclosure.Host.Cases;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Notices;

/// <param name="Source">The template in Liquid: the body of the document (the A4 page around it is the product's). The
/// names it may read are those of <see cref="NoticeValues"/>; required elements must be printed.</param>
public sealed record SetNoticeTemplate([property: Required, Text(100_000, MultiLine = true)] string? Source);

/// <summary>A template key ("answer" serves every answer kind without its own) and what it serves.</summary>
public sealed record NoticeTemplateSummary(string Key, string Label, bool Custom, string Version, IReadOnlyList<RequiredElement> RequiredElements);

public sealed record NoticeTemplateView(string Key, string Label, bool Custom, string Version, string Source,
    IReadOnlyList<RequiredElement> RequiredElements, IReadOnlyList<TemplateVersion> History);

public sealed record NoticeTemplateSource(string Key, string Version, string Source);

/// <summary>
/// An agency's notice templates: the shipped defaults until it sets its own, per kind or for all answers ("answer").
/// A template that does not parse, does not render, or leaves out a required element (basis and remedies of an answer…)
/// is refused with the element named. Every version stays (its text by version); documents already issued keep the
/// text they were issued with.
/// </summary>
public static class NoticeTemplateEndpoints
{
    [WolverineGet("/api/agencies/{agency}/notice-templates", OperationId = "listNoticeTemplates", Summary = "告知书模板 · The notice templates")]
    [Authorize(Roles = Roles.ReadingSettings), Tags("Notices")]
    [ProducesResponseType<IReadOnlyList<NoticeTemplateSummary>>(200)]
    public static async Task<IReadOnlyList<NoticeTemplateSummary>> List(string agency, IQuerySession session, CancellationToken ct)
    {
        var setup = await session.LoadReferenceAsync<NoticeSetup>(agency, ct) ?? NoticeSetup.None;
        var keys = NoticeKinds.Kinds.Where(k => !k.IsAnswer).Select(k => k.Code).Prepend(NoticeKinds.AnswerTemplate)
            .Concat(setup.Templates.Keys.Where(k => k.StartsWith(NoticeKinds.AnswerPrefix, StringComparison.Ordinal)).Order());
        return keys.Select(key => new NoticeTemplateSummary(key, Label(key), setup.Templates.ContainsKey(key),
            setup.Templates.GetValueOrDefault(key) ?? NoticeTemplates.Default(key).Version, RequiredElements.For(key))).ToList();
    }

    [WolverineGet("/api/agencies/{agency}/notice-templates/{key}", OperationId = "getNoticeTemplate", Summary = "告知书模板 · A notice template")]
    [Authorize(Roles = Roles.ReadingSettings), Tags("Notices")]
    [ProducesResponseType<NoticeTemplateView>(200)]
    public static async Task<IResult> Get(string agency, string key, IQuerySession session, NoticeIssuing issuing, CancellationToken ct) =>
        Known(key) ? Results.Ok(await ViewAsync(agency, key, session, issuing, ct)) : UnknownKey(key);

    [WolverineGet("/api/agencies/{agency}/notice-templates/{key}/versions/{version}", OperationId = "getNoticeTemplateVersion", Summary = "告知书模板版本 · One version of a template")]
    [Authorize(Roles = Roles.ReadingSettings), Tags("Notices")]
    [ProducesResponseType<NoticeTemplateSource>(200)]
    public static async Task<IResult> GetVersion(string agency, string key, string version, IQuerySession session, CancellationToken ct)
    {
        if (!Known(key)) return UnknownKey(key);
        if (NoticeTemplates.Default(key) is { } shipped && shipped.Version == version) return Results.Ok(new NoticeTemplateSource(key, version, shipped.Source));
        return await session.LoadReferenceAsync<NoticeTemplateText>(NoticeTemplateText.IdOf(agency, version), ct) is { } text && text.Key == key
            ? Results.Ok(new NoticeTemplateSource(key, version, text.Source))
            : Problems.NotFound($"The template '{key}' has no version '{version}'.");
    }

    [WolverinePut("/api/agencies/{agency}/notice-templates/{key}", OperationId = "setNoticeTemplate", Summary = "修改告知书模板 · Set a notice template")]
    [Authorize(Roles = Roles.Supervising), Tags("Notices")]
    [ProducesResponseType<NoticeTemplateView>(200)]
    public static async Task<IResult> Put(string agency, string key, SetNoticeTemplate cmd, IDocumentStore store, ReferenceWrites writes, NoticeIssuing issuing,
        BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        if (!Known(key)) return UnknownKey(key);
        NoticeTemplate template;
        try
        {
            template = NoticeTemplates.Validate(key, cmd.Source);
        }
        catch (Refusal refusal)
        {
            return Problems.ValidationResult(new Dictionary<string, string[]> { ["source"] = [refusal.Message] });
        }
        await writes.RecordAsync(ReferenceStream.OfAgency(agency), Actor.Of(http.User), [new NoticeTemplateSet(agency, key, template.Version, template.Source, clock.Now)], ct,
            new NoticeTemplateText { Id = NoticeTemplateText.IdOf(agency, template.Version), Agency = agency, Key = key, Version = template.Version, Source = template.Source });
        await using var session = store.QuerySession();
        return Results.Ok(await ViewAsync(agency, key, session, issuing, ct));
    }

    [WolverineDelete("/api/agencies/{agency}/notice-templates/{key}", OperationId = "resetNoticeTemplate", Summary = "恢复默认模板 · Go back to the shipped template")]
    [Authorize(Roles = Roles.Supervising), Tags("Notices")]
    [ProducesResponseType<NoticeTemplateView>(200)]
    public static async Task<IResult> Delete(string agency, string key, IDocumentStore store, ReferenceWrites writes, NoticeIssuing issuing, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        if (!Known(key)) return UnknownKey(key);
        await using var session = store.QuerySession();
        if ((await session.LoadReferenceAsync<NoticeSetup>(agency, ct))?.Templates.ContainsKey(key) == true)
            await writes.RecordAsync(ReferenceStream.OfAgency(agency), Actor.Of(http.User), [new NoticeTemplateReset(agency, key, clock.Now)], ct);
        await using var after = store.QuerySession();
        return Results.Ok(await ViewAsync(agency, key, after, issuing, ct));
    }

    private static async Task<NoticeTemplateView> ViewAsync(string agency, string key, IQuerySession session, NoticeIssuing issuing, CancellationToken ct)
    {
        var setup = await session.LoadReferenceAsync<NoticeSetup>(agency, ct) ?? NoticeSetup.None;
        var custom = setup.Templates.ContainsKey(key);
        var template = custom ? await issuing.TemplateAsync(session, setup, key, ct) : NoticeTemplates.Default(key);
        return new(key, Label(key), custom, template.Version, template.Source, RequiredElements.For(key), setup.History.Where(h => h.Key == key).ToList());
    }

    private static bool Known(string key) => key == NoticeKinds.AnswerTemplate || NoticeKinds.All.Find(key) is not null;

    private static string Label(string key) => key == NoticeKinds.AnswerTemplate ? "答复书（各类答复通用）" : NoticeKinds.All.Find(key)!.Label;

    private static IResult UnknownKey(string key) =>
        Problems.NotFound($"No notice template '{(key.Length > 40 ? key[..40] : key)}': the keys are 'answer' and the notice kinds ({string.Join(", ", NoticeKinds.All.Select(k => k.Code))}).");
}
