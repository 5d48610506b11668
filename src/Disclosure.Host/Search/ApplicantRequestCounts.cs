using Disclosure.Host.Infrastructure;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Search.Repeats;
using Npgsql;

namespace Disclosure.Host.Search;

/// <summary>
/// How many applications the applicant filed in the case's natural month and year, for each identity the applicant gave
/// (国办函〔2020〕109号: 同一申请人一个自然月内累计申请…; 条例第三十五条 大量反复申请), this one included.
/// </summary>
public sealed record ApplicantCount([property: Codes(typeof(ApplicantMatches))] string Basis, string BasisLabel, string Month, int InMonth, int Year, int InYear, string Text);

/// <summary>Reads the per-applicant counts the search projection keeps (<see cref="SearchTables.ApplicantCounts"/>).</summary>
public sealed class ApplicantRequestCounts(AgencyDatabases databases, SearchTables tables, ApplicantKeyProtector protector)
{
    public async Task<IReadOnlyList<ApplicantCount>> ForAsync(string agency, Application app, CancellationToken ct)
    {
        var keys = protector.Of(ApplicantKey.Of(app.Applicant));
        if (keys.Count == 0 || app.PersonalDataErasedOn is not null) return [];
        var month = app.ReceivedOn.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var year = app.ReceivedOn.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var cmd = TenantSql.Command(databases.For(agency), agency,
            $"select applicant_key, period, requests from {tables.ApplicantCounts} where tenant_id = $1 and applicant_key = any($2) and period = any($3)",
            keys.Select(k => k.Hash).ToArray(), new[] { month, year });
        var found = new Dictionary<(string, string), int>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) found[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
        return keys.Select(k =>
        {
            var label = ApplicantMatches.All.Find(k.Basis)?.Label ?? k.Basis;
            var (inMonth, inYear) = (found.GetValueOrDefault((k.Hash, month)), found.GetValueOrDefault((k.Hash, year)));
            return new ApplicantCount(k.Basis, label, month, inMonth, app.ReceivedOn.Year, inYear,
                $"同一申请人（{label}）：{app.ReceivedOn.Year}年{app.ReceivedOn.Month}月申请 {inMonth} 件，{app.ReceivedOn.Year}年申请 {inYear} 件");
        }).ToList();
    }
}
