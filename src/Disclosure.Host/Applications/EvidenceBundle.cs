using System.Globalization;
using System.Net;
using System.Text;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Notices;
using Disclosure.Host.Calendar;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Notices;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Applications;

/// <summary>
/// 证据材料: one PDF of an application as it stood at an instant — a table of contents, the case file then (facts, the
/// statutory clock and its explanation, every notice with its delivery, the history) and every notice issued by then, as the
/// kept PDF the applicant received (条例第四十五条). What an agency files with its 答复 to a 行政复议 (行政复议法第四十八条:
/// 书面答复 with 证据、依据 within 10 days) or its 答辩状 in a suit (行政诉讼法第六十七条). The same (application, instant) gives the
/// same contents: a review can keep the bundle of its decision date.
/// </summary>
public static class EvidenceBundle
{
    public const string ContentType = "application/pdf";

    public sealed record Part(string Title, string? Note, byte[] Pdf, int Pages);

    /// <summary>The bundle, or why not: 404 (no such case, or not yet then) or 503 (no printer).</summary>
    public sealed record Result(byte[]? Pdf, string? FileName, IResult? Problem);

    [WolverineGet("/api/agencies/{agency}/applications/{id}/evidence", OperationId = "getEvidenceBundle", Summary = "证据材料（PDF） · The case as it stood, with every notice, in one PDF")]
    [Authorize(Roles = Roles.Reading), Tags("Applications")]
    [ProducesResponseType<byte[]>(200, ContentType)]
    public static async Task<IResult> Get(string agency, string id, IDocumentStore store, CalendarStore calendars, NoticePrinter printer, KeptPdfs pdfs,
        BusinessClock clock, CancellationToken ct, string? asOf = null)
    {
        if (AsOf.Required(asOf) is { } refused) return refused;
        var at = AsOf.Parse(asOf);
        var bundle = await BuildAsync(store, calendars, printer, pdfs, clock, agency, id, at!.Value, ct);
        return bundle.Problem ?? Results.File(bundle.Pdf!, ContentType, bundle.FileName);
    }

    public static async Task<Result> BuildAsync(IDocumentStore store, CalendarStore calendars, NoticePrinter printer, KeptPdfs pdfs, BusinessClock clock,
        string agency, string idOrNumber, DateTimeOffset at, CancellationToken ct)
    {
        await using var session = store.LightweightSession(agency); // a notice's print kept on first request commits on its own
        var (stood, exists) = await CaseAsOf.LoadAsync(ApplicationKind.Instance, store, session, calendars.Settings, idOrNumber, at, ct);
        if (stood is null)
            return new(null, null, Problems.NotFound(exists
                ? $"The application '{(idOrNumber.Length > 40 ? idOrNumber[..40] + "…" : idOrNumber)}' was not yet recorded at {AsOf.Text(at)}."
                : ApplicationKind.Instance.NotFound(idOrNumber)));
        var a = stood.State;

        var parts = new List<Part>();
        var file = await printer.PrintAsync(CaseHtml(stood), ct);
        parts.Add(new("案卷情况（申请、答复期限、文书送达、办理记录）", null, file, Pages(file)));
        var kept = (await session.Query<KeptNotice>().Where(k => k.ApplicationId == a.Id).ToListAsync(ct)).ToDictionary(k => k.Number);
        foreach (var notice in a.Notices)
        {
            var label = NoticeKinds.All.Find(notice.Kind)?.Label ?? notice.Kind;
            if (await pdfs.EnsureAsync(session, KeptNotice.IdOf(a.Id, notice.Number), ct) is not { } pdf) continue;
            var masked = kept.GetValueOrDefault(notice.Number)?.MaskedOn;
            parts.Add(new($"{label}（{notice.Number}，{notice.IssuedOn:yyyy-MM-dd}出具）",
                masked is { } on ? $"个人信息已于 {on:yyyy-MM-dd} 依规定屏蔽" : null, pdf, Pages(pdf)));
        }

        // the contents come first; its own length moves every page number, so it is printed until its length holds
        var tocPages = 1;
        byte[] toc;
        while (true)
        {
            toc = await printer.PrintAsync(ContentsHtml(a, stood.At, clock.Now, parts, tocPages), ct);
            if (Pages(toc) == tocPages) break;
            tocPages = Pages(toc);
        }
        var merged = UglyToad.PdfPig.Writer.PdfMerger.Merge([toc, .. parts.Select(p => p.Pdf)]);
        var stamp = stood.At.ToOffset(BusinessClock.ChinaOffset).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return new(merged, $"{a.TrackingNumber}-evidence-{stamp}.pdf", null);
    }

    private static int Pages(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Label(IReadOnlyList<Domain.Term> terms, string? code) => code is null ? "—" : terms.Find(code)?.Label ?? code;

    private const string Style = """
        <style>
          @page { size: A4; margin: 22mm 20mm 20mm; }
          html { font-family: "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", serif; font-size: 11pt; line-height: 1.6; color: #000; }
          body { margin: 0; }
          h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
          h2 { font-size: 13pt; border-bottom: 1px solid #000; margin: 7mm 0 3mm; padding-bottom: 1mm; }
          .stood { text-align: center; font-size: 12pt; margin: 0 0 6mm; }
          table { width: 100%; border-collapse: collapse; }
          th, td { border: 1px solid #555; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
          th { background: #eee; font-weight: bold; }
          dl { display: grid; grid-template-columns: 32mm 1fr; gap: 1mm 3mm; margin: 0; }
          dt { font-weight: bold; }
          dd { margin: 0; }
          td.page { text-align: right; white-space: nowrap; width: 22mm; }
          td.nowrap { white-space: nowrap; }
          .note { font-size: 10pt; color: #333; }
          tr { break-inside: avoid; }
        </style>
        """;

    private static string ContentsHtml(Application a, DateTimeOffset at, DateTimeOffset printedAt, IReadOnlyList<Part> parts, int tocPages)
    {
        var html = new StringBuilder($"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>证据材料 {E(a.TrackingNumber)}</title>{Style}</head><body>""");
        html.Append($"<h1>政府信息公开申请 {E(a.TrackingNumber)} 证据材料</h1>");
        html.Append($"""<p class="stood">截至 {E(AsOf.Text(at))} 的案卷状态</p>""");
        html.Append($"<dl><dt>申请人</dt><dd>{E(a.Applicant.Name)}</dd><dt>收到日期</dt><dd>{a.ReceivedOn:yyyy-MM-dd}</dd>");
        html.Append($"<dt>制作时间</dt><dd>{E(AsOf.Text(printedAt))}</dd></dl>");
        html.Append("<h2>目录</h2><table><thead><tr><th>序号</th><th>材料</th><th>页码</th></tr></thead><tbody>");
        var page = tocPages + 1;
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            var pages = p.Pages == 1 ? $"{page}" : $"{page}–{page + p.Pages - 1}";
            var note = p.Note is { } n ? "<div class=\"note\">" + E(n) + "</div>" : "";
            html.Append($"""<tr><td>{i + 1}</td><td>{E(p.Title)}{note}</td><td class="page">第 {pages} 页</td></tr>""");
            page += p.Pages;
        }
        html.Append($"""</tbody></table><p class="note">共 {page - 1} 页。第 1 部分依据截至上述时间登记的办理记录生成；其后各部分为当时已出具的文书，与送达申请人的文本一致（《中华人民共和国政府信息公开条例》第四十五条）。</p>""");
        return html.Append("</body></html>").ToString();
    }

    private static string CaseHtml(CaseAsItStood<Application> stood)
    {
        var a = stood.State;
        var day = stood.Day;
        var html = new StringBuilder($"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>案卷情况 {E(a.TrackingNumber)}</title>{Style}</head><body>""");
        html.Append($"<h1>案卷情况 {E(a.TrackingNumber)}</h1>");
        html.Append($"""<p class="stood">截至 {E(AsOf.Text(stood.At))} 的案卷状态</p>""");

        html.Append("<h2>一、申请情况</h2><dl>");
        void Fact(string term, string? value) => html.Append($"<dt>{E(term)}</dt><dd>{E(value)}</dd>");
        Fact("状态", Label(ApplicationStatuses.All, a.Status) + (a.IsOverdue(day) ? $"（{day:yyyy-MM-dd} 已逾期）" : ""));
        Fact("答复期限", a.DueOn?.ToString("yyyy-MM-dd") ?? "尚未确定");
        if (a.Answer is { } answer) Fact("办理结果", $"{Label(Outcomes.All, answer.Outcome)}（{answer.DecidedOn:yyyy-MM-dd}）");
        foreach (var old in a.SupersededAnswers) Fact("已更正的答复", $"{Label(Outcomes.All, old.Outcome)}（{old.DecidedOn:yyyy-MM-dd}）");
        Fact("收到方式", Label(Channels.All, a.Channel));
        Fact("收到日期", a.ReceivedOn.ToString("yyyy-MM-dd") + (a.SubmittedOn is { } s ? $"（申请人 {s:yyyy-MM-dd} 提交）" : ""));
        Fact("申请人", $"{a.Applicant.Name}（{Label(ApplicantCategories.All, a.Applicant.Category)}）");
        if (a.Applicant.IdNumber is not null) Fact("证件", (a.Applicant.IdType is { } type ? Label(IdentityDocumentTypes.All, type) + " " : "") + Privacy.Mask.IdNumber(a.Applicant.IdNumber));
        Fact("所需信息", a.Description);
        if (a.DocumentNumber is not null) Fact("文号或索引号", a.DocumentNumber);
        if (a.Correction is { } c)
            Fact("补正", $"{c.SentOn:yyyy-MM-dd} 告知补正，限 {c.CorrectBy:yyyy-MM-dd} 前" + (c.ReceivedOn is { } r ? $"，{r:yyyy-MM-dd} 收到补正" : c.LapsedOn is { } l ? $"，{l:yyyy-MM-dd} 逾期未补正" : ""));
        foreach (var k in a.Consultations)
            Fact("征求意见", $"{k.Party}，{k.SentOn:yyyy-MM-dd} 发出" + (k.RepliedOn is { } r ? $"，{r:yyyy-MM-dd} 答复（{(k.Consents == true ? "同意" : k.Consents == false ? "不同意" : "未表态")}）" : k.LapsedOn is { } l ? $"，{l:yyyy-MM-dd} 逾期未答复" : ""));
        if (a.Extension is { } x) Fact("延期", $"{x.ApprovedOn:yyyy-MM-dd} 经{x.ApprovedBy}批准延长 {x.WorkingDays} 个工作日：{x.Reason}");
        if (a.Fee is { } fee)
            Fact("信息处理费", $"{fee.AmountYuan.ToString("0.##", CultureInfo.InvariantCulture)} 元，{fee.SentOn:yyyy-MM-dd} 通知" + (fee.PaidOn is { } p ? $"，{p:yyyy-MM-dd} 已缴" : fee.LapsedOn is { } l ? $"，{l:yyyy-MM-dd} 逾期未缴" : "，待缴"));
        html.Append("</dl>");

        html.Append("<h2>二、答复期限的计算</h2>");
        if (a.Deadline is { } deadline) html.Append("<ol>").Append(string.Concat(deadline.Steps.Select(step => $"<li>{E(step.Text)}</li>"))).Append("</ol>");
        foreach (var w in a.Warnings) html.Append($"""<p class="note">提示：{E(w.Text)}</p>""");

        html.Append("<h2>三、文书及送达</h2>");
        if (a.Notices.Count == 0) html.Append("<p>截至上述时间尚未出具文书。</p>");
        else
        {
            html.Append("<table><thead><tr><th>文书</th><th>文号</th><th>出具日期</th><th>送达</th></tr></thead><tbody>");
            foreach (var n in a.Notices)
            {
                var delivery = new List<string>();
                delivery.AddRange(n.Deliveries.Select(Delivery.Explain));
                delivery.AddRange(n.Returns.Select(r => $"{r.ReturnedOn:yyyy-MM-dd} 邮件退回"));
                delivery.AddRange(n.Failures.Select(f => $"{f.On:yyyy-MM-dd} 送达未成功"));
                if (delivery.Count == 0) delivery.Add("未送达");
                html.Append($"""<tr><td>{E(NoticeKinds.All.Find(n.Kind)?.Label ?? n.Kind)}</td><td class="nowrap">{E(n.Number)}</td><td class="nowrap">{n.IssuedOn:yyyy-MM-dd}</td><td>{string.Join("<br>", delivery.Select(E))}</td></tr>""");
            }
            html.Append("</tbody></table>");
        }

        html.Append("<h2>四、办理记录</h2><table><thead><tr><th>#</th><th>办理事项</th><th>业务日期</th><th>登记时间</th><th>登记人</th></tr></thead><tbody>");
        foreach (var e in stood.History)
        {
            var entry = CaseHistory.Entry(e);
            html.Append($"<tr><td>{entry.Version}</td><td>{E(entry.Label ?? entry.Type)}</td><td>{entry.BusinessDate?.ToString("yyyy-MM-dd") ?? "—"}</td>");
            html.Append($"<td>{entry.RecordedAt.ToOffset(BusinessClock.ChinaOffset):yyyy-MM-dd HH:mm:ss}</td><td>{E(entry.User ?? "—")}</td></tr>");
        }
        return html.Append("</tbody></table></body></html>").ToString();
    }
}
