using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Agencies;
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

/// <param name="AgencyName">Printed at the head and above the seal (default: the registered name).</param>
/// <param name="ReconsiderationBody">复议机关 named in every answer's remedies clause (行政复议法第二十四条至第二十七条).</param>
/// <param name="NumberPatterns">文号 pattern per notice kind ("answer" for every answer), e.g. <c>SP公开答〔{year}〕{n}号</c>; kinds left out get the default.</param>
/// <param name="ContactLines">联系人、电话、地址, printed at the foot.</param>
public sealed record SetNoticeSettings(
    [property: Text(200), Label("告知书上的机关名称（留空用登记的名称）")] string? AgencyName,
    [property: Required, Text(200), Label("复议机关")] string? ReconsiderationBody,
    [property: Label("文号格式（每行一项：文书类别=格式，{year} 为年度、{n} 为序号；未列的类别用默认格式）")] IReadOnlyDictionary<string, string>? NumberPatterns,
    [property: Text(200), Label("联系人、电话、地址（印在告知书末尾，每行一项）")] IReadOnlyList<string>? ContactLines);

/// <summary>An agency's notice settings; <c>Configured</c> false: not set yet, steps issue no notice, the values shown are the defaults.</summary>
public sealed record NoticeSettingsView(bool Configured, string AgencyName, string? ReconsiderationBody, IReadOnlyDictionary<string, string> NumberPatterns, IReadOnlyList<string> ContactLines);

public static class SetNoticeSettingsEndpoint
{
    /// <summary>
    /// What the agency prints on its notices. From the moment they are set, the steps the law ties to a notice issue it
    /// (a decision its 告知书, a correction request its 补正告知书, …); a setting that cannot serve is refused with its field.
    /// </summary>
    [WolverinePut("/api/agencies/{agency}/settings/notices", OperationId = "setNoticeSettings", Summary = "告知书设置 · Set the notice settings")]
    [Authorize(Roles = Roles.Supervising), Tags("Notices")]
    [ProducesResponseType<NoticeSettingsView>(200)]
    public static async Task<IResult> Put(string agency, SetNoticeSettings cmd, AgencyDirectory directory, ReferenceWrites writes, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        var registered = (await directory.FindAsync(agency, ct))!;
        foreach (var (kind, pattern) in cmd.NumberPatterns ?? new Dictionary<string, string>())
            if ((TextRules.Check(kind, 40, false) ?? TextRules.Check(pattern, 100, false)) is { } problem)
                return Problems.ValidationResult(new Dictionary<string, string[]> { ["numberPatterns"] = [problem] });
        NoticeSettings settings;
        try
        {
            settings = NoticeSettings.Decide(registered.Name, registered.Code, cmd.AgencyName, cmd.ReconsiderationBody, cmd.NumberPatterns, cmd.ContactLines);
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }
        await writes.RecordAsync(ReferenceStream.OfAgency(agency), Actor.Of(http.User), [new NoticeSettingsSet(agency, settings, clock.Now)], ct);
        return Results.Ok(View(settings));
    }

    [WolverineGet("/api/agencies/{agency}/settings/notices", OperationId = "getNoticeSettings", Summary = "告知书设置 · The notice settings")]
    [Authorize(Roles = Roles.ReadingSettings), Tags("Notices")]
    [ProducesResponseType<NoticeSettingsView>(200)]
    public static async Task<IResult> Get(string agency, IQuerySession session, AgencyDirectory directory, CancellationToken ct)
    {
        if ((await session.LoadReferenceAsync<NoticeSetup>(agency, ct))?.Settings is { } settings) return Results.Ok(View(settings));
        var registered = (await directory.FindAsync(agency, ct))!;
        return Results.Ok(new NoticeSettingsView(false, registered.Name, null, NoticeSettings.DefaultPatterns(registered.Code), []));
    }

    private static NoticeSettingsView View(NoticeSettings s) => new(true, s.AgencyName, s.ReconsiderationBody, s.NumberPatterns, s.ContactLines);
}
