using Disclosure.Domain.Applications;
using Disclosure.Domain.Reporting;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Applications;

/// <summary>公民身份号码 (GB 11643-1999): the check character and the birth date.</summary>
public class ResidentIdNumberSpecs
{
    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("11010519491231002x")] // a lower-case x is the same X
    [InlineData("110105200002291235")] // 29 February of a leap year
    public void A_number_with_its_check_character_and_a_real_birth_date_is_valid(string number) =>
        Assert.True(ResidentIdNumber.IsValid(number));

    [Theory]
    [InlineData("110105194912310021")] // the check character should be X
    [InlineData("110101199002291234")] // check right, but 29 February 1990 does not exist
    [InlineData("11010519491231002")] // 17 characters
    [InlineData("1101051949123100X2")] // X only in the last place
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not(string? number) => Assert.False(ResidentIdNumber.IsValid(number));

    [Fact]
    public void Every_single_digit_typo_is_caught()
    {
        const string valid = "11010519491231002X";
        for (var i = 0; i < 17; i++)
            foreach (var d in "0123456789")
                if (d != valid[i])
                    Assert.False(ResidentIdNumber.IsValid(valid[..i] + d + valid[(i + 1)..]), $"typo at {i}: {d}");
    }
}

/// <summary>统一社会信用代码 (GB 32100-2015): the check character.</summary>
public class CreditCodeSpecs
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000100000000R")]
    public void A_code_with_its_check_character_is_valid(string code) => Assert.True(CreditCode.IsValid(code));

    [Theory]
    [InlineData("91350100M000100Y44")] // wrong check character
    [InlineData("91350100M000100Y4")] // 17 characters
    [InlineData("91350100M000100I43")] // I is not in the alphabet
    [InlineData("91350100m000100y43")] // lower case is not a code (the form upper-cases before)
    [InlineData(null)]
    public void Anything_else_is_not(string? code) => Assert.False(CreditCode.IsValid(code));

    [Fact]
    public void Every_single_character_typo_is_caught()
    {
        const string valid = "91350100M000100Y43";
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var i = 0; i < 18; i++)
            foreach (var c in alphabet)
                if (c != valid[i])
                    Assert.False(CreditCode.IsValid(valid[..i] + c + valid[(i + 1)..]), $"typo at {i}: {c}");
    }
}

/// <summary>网上申请: submitted, then received the day both sides confirm (条例第三十一条第三项).</summary>
public class OnlineApplicationSpecs
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static DateTimeOffset At(string s) => new(DateTime.Parse(s), China);

    private static readonly Applicant Person = new("natural_person", "张三", "11010519491231002X", "13812345678", null, null, IdType: "resident_id_card");
    private static readonly RequestedInformation Wanted = new(null, "electronic_email", "email", null, true);

    private static ApplicationReceived Submitted(string on = "2025-09-30", string at = "2025-09-30 21:30", Applicant? applicant = null) =>
        ApplicationDecider.Submit(Id, "sanchang-park", "SP-2025-00001", applicant ?? Person, "园区2024年规划许可决定", Wanted, D(on), At(at), "hash");

    [Fact]
    public void A_submission_opens_the_case_awaiting_confirmation_with_no_clock()
    {
        var submitted = Submitted();
        Assert.True(submitted.AwaitsConfirmation);
        Assert.Equal("online", submitted.Channel);
        Assert.Equal(At("2025-09-30 21:30"), submitted.SubmittedAt);
        var app = Case(submitted);
        Assert.Equal(ApplicationStatuses.AwaitingConfirmation, app.Status);
        Assert.Null(app.DueOn);
        Assert.Contains("条例第三十一条", app.Deadline!.Steps.Single().Text);
    }

    [Fact]
    public void Submitted_the_evening_before_national_day_and_confirmed_after_it_counts_from_the_confirmation()
    {
        // 2025-10-01…08 are holidays and 10-11 (Saturday) a working day: 20 working days after 10-09 end on 11-05;
        // counted from the submission (09-30) they would end on 11-04
        var confirmed = ApplicationDecider.Confirm(Case(Submitted()), D("2025-10-09"), At("2025-10-09 09:12"));
        Assert.Equal(new ApplicationConfirmed(D("2025-10-09"), At("2025-10-09 09:12"), "natural_person"), confirmed);

        var app = Case(Submitted(), confirmed);
        Assert.Equal(D("2025-10-09"), app.ReceivedOn);
        Assert.Equal(At("2025-10-09 09:12"), app.ConfirmedAt);
        Assert.Equal(ApplicationStatuses.Received, app.Status);
        Assert.Equal(D("2025-11-05"), app.DueOn);
        Assert.Contains("双方确认", app.Deadline!.Steps[0].Text);
    }

    [Fact]
    public void No_step_is_recorded_before_the_confirmation()
    {
        var refusal = Assert.Throws<Refusal>(() =>
            ApplicationDecider.RequestCorrection(Case(Submitted()), D("2025-10-09"), ["写明文号"], D("2025-10-20"), D("2025-10-09")));
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
    }

    [Fact]
    public void A_confirmed_application_is_not_confirmed_twice()
    {
        var app = Case(Submitted(), new ApplicationConfirmed(D("2025-10-09"), At("2025-10-09 09:12"), "natural_person"));
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() => ApplicationDecider.Confirm(app, D("2025-10-10"), At("2025-10-10 09:00"))).Kind);
    }

    [Fact]
    public void A_returned_submission_is_closed_without_a_period_and_cannot_be_confirmed()
    {
        var returned = ApplicationDecider.ReturnSubmission(Case(Submitted()), "这是投诉，请通过12345热线反映", D("2025-10-09"), At("2025-10-09 10:00"));
        var app = Case(Submitted(), returned);
        Assert.Equal(ApplicationStatuses.Returned, app.Status);
        Assert.False(app.IsOpen);
        Assert.Null(app.DueOn);
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() => ApplicationDecider.Confirm(app, D("2025-10-09"), At("2025-10-09 10:01"))).Kind);
        Assert.Equal("reason", Assert.Throws<Refusal>(() => ApplicationDecider.ReturnSubmission(Case(Submitted()), " ", D("2025-10-09"), At("2025-10-09 10:00"))).Field);
    }

    [Theory]
    [InlineData("resident_id_card", "110105194912310021", null, "applicant.idNumber")]
    [InlineData("resident_id_card", null, null, "applicant.idNumber")]
    [InlineData(null, "11010519491231002X", null, "applicant.idType")]
    [InlineData("resident_id_card", "11010519491231002X", "", "applicant.phone")]
    public void A_person_applies_with_a_valid_identity_and_a_phone(string? idType, string? idNumber, string? phone, string field)
    {
        var applicant = Person with { IdType = idType, IdNumber = idNumber, Phone = phone == "" ? null : Person.Phone };
        Assert.Equal(field, Assert.Throws<Refusal>(() => Submitted(applicant: applicant)).Field);
    }

    [Fact]
    public void A_passport_number_has_no_checksum_to_pass()
    {
        Assert.True(Submitted(applicant: Person with { IdType = "passport", IdNumber = "E12345678" }).AwaitsConfirmation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("91350100M000100Y44")]
    public void An_organisation_applies_with_a_valid_credit_code(string? code)
    {
        var organisation = new Applicant("commercial_enterprise", "某某科技有限公司", null, "057188888888", null, null, CreditCode: code);
        Assert.Equal("applicant.creditCode", Assert.Throws<Refusal>(() => Submitted(applicant: organisation)).Field);
        Assert.True(Submitted(applicant: organisation with { CreditCode = "91350100M000100Y43" }).AwaitsConfirmation);
    }

    [Fact]
    public void The_report_counts_an_online_application_in_the_year_it_was_confirmed()
    {
        var submitted = Submitted("2025-12-31", "2025-12-31 20:00");
        var confirmed = new ApplicationConfirmed(D("2026-01-04"), At("2026-01-04 09:00"), "natural_person");
        Assert.Empty(YearTally.YearsOf(submitted));
        Assert.Equal([2026], YearTally.YearsOf(confirmed));
        var year2025 = new YearTally { Year = 2025 };
        var year2026 = new YearTally { Year = 2026 };
        foreach (var e in new object[] { submitted, confirmed }) { year2025.Count(e); year2026.Count(e); }
        Assert.Equal(0, year2025.Received.Sum());
        Assert.Equal(1, year2026.Received[0]);
        // awaiting confirmation on 31 December: nothing received, nothing to carry forward
        Assert.Null(YearEnd.Close(Case(submitted), 2025));
    }

    [Fact]
    public void A_correction_answered_online_restarts_the_period_from_its_arrival()
    {
        var confirmed = new ApplicationConfirmed(D("2025-10-09"), At("2025-10-09 09:12"), "natural_person");
        var asked = new CorrectionRequested(D("2025-10-10"), ["写明所需信息的文号或名称"], D("2025-10-24"));
        var answer = ApplicationDecider.AnswerCorrectionOnline(Case(Submitted(), confirmed, asked), "2024年园区规划许可决定书", D("2025-10-15"), At("2025-10-15 20:05"));
        Assert.Equal(new CorrectionReceived(D("2025-10-15"), "2024年园区规划许可决定书", At("2025-10-15 20:05")), answer);
        // 20 working days after 10-15: 10-16,17 · 20-24 · 27-31 · 11-03…07 · 11-10…12
        Assert.Equal(D("2025-11-12"), Case(Submitted(), confirmed, asked, answer).DueOn);
        Assert.Equal(RefusalKind.Conflict, Assert.Throws<Refusal>(() =>
            ApplicationDecider.AnswerCorrectionOnline(Case(Submitted(), confirmed, asked), "迟到的补正", D("2025-10-27"), At("2025-10-27 08:00"))).Kind);
    }

    [Fact]
    public void Erasure_blanks_the_return_reason_and_the_correction_text()
    {
        var returned = (SubmissionReturned)PersonalData.Masked(new SubmissionReturned(D("2025-10-09"), At("2025-10-09 10:00"), "张三的投诉"))!;
        Assert.Equal(PersonalDataErased.Placeholder, returned.Reason);
        var corrected = (CorrectionReceived)PersonalData.Masked(new CorrectionReceived(D("2025-10-15"), "张三补充", At("2025-10-15 20:05")))!;
        Assert.Equal(PersonalDataErased.Placeholder, corrected.Text);
        Assert.Null(PersonalData.Masked(new CorrectionReceived(D("2025-10-15"))));
    }
}
