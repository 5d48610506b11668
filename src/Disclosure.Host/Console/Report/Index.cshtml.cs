using System.Globalization;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Agencies;
using Disclosure.Host.Cluster;
using Disclosure.Host.Reporting;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Disclosure.Host.StaffConsole.Report;

/// <summary>
/// 年度报告: tables 二, 三 and 四 in the official layout, every figure of 三 and 四 a link to the cases behind it, the checks,
/// freshness, the entry of table 二 and the narrative, publication, downloads. The entries and the publication call the
/// API's endpoints' own code with the signed-in user.
/// </summary>
[Authorize(Roles = Roles.Reporting)]
public sealed class IndexModel(ReferenceWrites writes, AgencyDirectory directory) : ReportPage
{
    public ReportView Report { get; private set; } = null!;
    public ReportLayout Layout => ReportLayout.Named(Report.Layout)!;
    public FormState Narrative { get; } = new();
    public FormState Proactive { get; } = new();
    public FormState Publication { get; } = new();
    [FromQuery(Name = "done")] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostNarrativeAsync(CancellationToken ct)
    {
        if (!May(Roles.ReportEditing)) return await ForbidAsync();
        if (CommandForm.Bind<RecordNarrative>(Request.Form, Today, Narrative) is not { } cmd) return await ShowAsync(ct, 400);
        if (EndpointAnswer.Failed(RecordNarrativeEndpoint.Validate(cmd), Narrative, out var invalid)) return await ShowAsync(ct, invalid);
        return await SaveAsync(await RecordNarrativeEndpoint.Put(AgencyId, Year, cmd, HttpContext, writes, Clock, ct), Narrative, "narrative", ct);
    }

    public async Task<IActionResult> OnPostProactiveAsync(CancellationToken ct)
    {
        if (!May(Roles.ReportEditing)) return await ForbidAsync();
        var layout = ReportRequest.Layout(Year, null);
        var rows = new List<ProactiveRowInput>();
        for (var i = 0; i < layout.Proactive.Count; i++)
        {
            var values = new List<decimal?>();
            for (var c = 0; c < layout.Proactive[i].Columns.Count; c++)
            {
                var name = $"rows[{i}].values[{c}]";
                var raw = Request.Form[name].ToString().Trim();
                Proactive.Values[name] = raw;
                if (raw.Length == 0) values.Add(null);
                else if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) values.Add(v);
                else { Proactive.Errors[name] = "请填写数字。"; values.Add(null); }
            }
            rows.Add(new ProactiveRowInput(layout.Proactive[i].Code, values, null));
        }
        if (!Proactive.Ok) return await ShowAsync(ct, 400);
        return await SaveAsync(await RecordProactiveFiguresEndpoint.Put(AgencyId, Year, new RecordProactiveFigures(layout.Name, rows), HttpContext, writes, Clock, ct),
            Proactive, "proactive", ct);
    }

    public async Task<IActionResult> OnPostPublicationAsync(CancellationToken ct)
    {
        if (!May(Roles.Reporting)) return await ForbidAsync();
        var cmd = CommandForm.Bind<PublishReport>(Request.Form, Today, Publication);
        if (cmd is null) return await ShowAsync(ct, 400);
        var builder = HttpContext.RequestServices.GetRequiredService<ReportBuilder>();
        var result = await PublishReportEndpoint.Post(AgencyId, Year, cmd, HttpContext, writes, builder, directory, Clock, ct);
        return await SaveAsync(result, Publication, "publication", ct);
    }

    /// <summary>The endpoint's answer (stored by it, on the reference-data path): back to the report, or its problems shown on the form.</summary>
    private async Task<IActionResult> SaveAsync(IResult result, FormState form, string done, CancellationToken ct)
    {
        if (EndpointAnswer.Failed(result, form, out var status)) return await ShowAsync(ct, status);
        return Redirect($"{Request.Path}?done={done}");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct, int status = 200)
    {
        if (await BuildAsync(ct) is not { } report) return await NotFoundPageAsync();
        Report = report;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult> ForbidAsync()
    {
        await ErrorPage.WriteAsync(HttpContext, StatusCodes.Status403Forbidden);
        return new EmptyResult();
    }

    public string CellLink(string row, int column) => $"{ConsoleSetup.Prefix}/{AgencyId}/reports/{Year}/cells/{row}/{ReportLayout.Columns[column]}";
    public string ReviewLink(int index) => $"{ConsoleSetup.Prefix}/{AgencyId}/reports/{Year}/reviews/{index}";
    public string Download(string format) => $"{ConsoleSetup.Prefix}/{AgencyId}/reports/{Year}/download/{format}";

    public static string Number(decimal? v) => v is { } n ? n.ToString(n == decimal.Truncate(n) ? "0" : "0.####", CultureInfo.InvariantCulture) : "";
}
