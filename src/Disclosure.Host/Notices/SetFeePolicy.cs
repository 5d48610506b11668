using System.ComponentModel.DataAnnotations;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Fees;
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

/// <param name="Charges">Whether the agency charges the 信息处理费 at all (default no: 条例第四十二条第一款).</param>
/// <param name="Method">per_item (按件) or per_page (按量): one method per application (国办函〔2020〕109号第三条).</param>
/// <param name="WaivedCategories">Applicant categories never charged (a local choice: the 条例 has no waiver).</param>
/// <param name="CaseWaiverAllowed">Whether a clerk may waive one case's fee with a stated reason.</param>
/// <param name="PersonsAreSameBy">同一申请人 for natural persons: id_number or name_and_phone.</param>
/// <param name="OrganisationsAreSameBy">同一申请人 for organisations: credit_code or name_and_phone.</param>
/// <param name="PaymentInstructions">缴纳方式 lines printed on the fee notice (required when charging).</param>
/// <param name="UnidentifiedCountAlone">Whether an applicant without an ID number (or credit code) counts alone under the identity
/// rules; default false: counted by the name with the phone.</param>
public sealed record SetFeePolicy(
    [property: Required, Label("收取信息处理费")] bool? Charges,
    [property: Codes(typeof(FeeBases)), Label("计收方式")] string? Method,
    [property: Codes(typeof(ApplicantCategories)), Label("免收的申请人类别")] IReadOnlyList<string>? WaivedCategories,
    [property: Label("允许个案减免（须说明理由）")] bool? CaseWaiverAllowed,
    [property: Text(40), Codes(typeof(Domain.Fees.PersonsAreSameBy)), Label("自然人“同一申请人”的认定")] string? PersonsAreSameBy,
    [property: Text(40), Codes(typeof(Domain.Fees.OrganisationsAreSameBy)), Label("法人或其他组织“同一申请人”的认定")] string? OrganisationsAreSameBy,
    [property: Text(300), Label("缴纳方式（印在收费通知书上，每行一项）")] IReadOnlyList<string>? PaymentInstructions,
    [property: Label("无证件号码的申请人单独计件")] bool? UnidentifiedCountAlone = null);

/// <summary>An agency's fee policy; <c>Configured</c> false: none set, fee notices keep the amount the clerk gives.</summary>
public sealed record FeePolicyView(bool Configured, FeePolicy Policy);

public static class SetFeePolicyEndpoint
{
    /// <summary>
    /// Whether and how the agency charges the 信息处理费. From then on a fee notice's amount is computed under it and the
    /// 收费通知书 shows the computation. A policy that cannot serve is refused with its field.
    /// </summary>
    [WolverinePut("/api/agencies/{agency}/settings/fees", OperationId = "setFeePolicy", Summary = "信息处理费设置 · Set the fee policy")]
    [Authorize(Roles = Roles.Supervising), Tags("Notices")]
    [ProducesResponseType<FeePolicyView>(200)]
    public static async Task<IResult> Put(string agency, SetFeePolicy cmd, ReferenceWrites writes, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        FeePolicy policy;
        try
        {
            policy = FeePolicy.Decide(cmd.Charges!.Value, cmd.Method, cmd.WaivedCategories, cmd.CaseWaiverAllowed, cmd.PersonsAreSameBy,
                cmd.OrganisationsAreSameBy, cmd.PaymentInstructions, cmd.UnidentifiedCountAlone);
        }
        catch (Refusal refusal)
        {
            return Problems.From(refusal);
        }
        await writes.RecordAsync(ReferenceStream.OfAgency(agency), Actor.Of(http.User), [new FeePolicySet(agency, policy, clock.Now)], ct);
        return Results.Ok(new FeePolicyView(true, policy));
    }

    [WolverineGet("/api/agencies/{agency}/settings/fees", OperationId = "getFeePolicy", Summary = "信息处理费设置 · The fee policy")]
    [Authorize(Roles = Roles.ReadingSettings), Tags("Notices")]
    [ProducesResponseType<FeePolicyView>(200)]
    public static async Task<FeePolicyView> Get(string agency, IQuerySession session, CancellationToken ct) =>
        (await session.LoadReferenceAsync<NoticeSetup>(agency, ct))?.FeePolicy is { } policy ? new(true, policy) : new(false, FeePolicy.None);
}
