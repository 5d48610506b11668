using Disclosure.Domain.Letters;
using static Disclosure.Domain.Tests.Applications.Given;

namespace Disclosure.Domain.Tests.Letters;

/// <summary>
/// 网上写信 on the mailbox form as practised (市长信箱): real name and phone, 咨询/投诉/建议/求助, a title of 10–25 characters, a
/// body of at most 600, the writer's own choice on publication. And which reply the public list may show.
/// </summary>
public class OnlineLetterSpecs
{
    private static readonly DateOnly Today = D("2025-03-03");
    private static readonly DateTimeOffset SentAt = new(2025, 3, 3, 21, 30, 0, TimeSpan.FromHours(8));
    private const string Title = "幸福路夜间施工噪音扰民问题"; // 13 characters

    private static LetterReceived Submit(string? category = "complaint", string? subject = Title, string? body = "幸福路工地每晚十一点后仍在施工。",
        string name = "赵六", string? phone = "13812345678", string? email = null, bool? consent = true) =>
        LetterDecider.Submit(Guid.NewGuid(), "sanchang-park", "SP-M2025-00001", "h", category, subject, body, new Writer(name, phone, email), consent,
            SentAt, LetterTimeLimits.Default, Today);

    private static string RefusedField(Action when) => Assert.Throws<Refusal>(when).Field;

    [Fact]
    public void A_letter_written_online_is_received_today_through_the_online_channel_with_the_moment_it_was_sent()
    {
        var received = Submit(email: "zhao@example.cn");
        Assert.Equal("online", received.Channel);
        Assert.Equal(Today, received.ReceivedOn);
        Assert.Equal(SentAt, received.SubmittedAt);
        Assert.True(received.PublicConsent);
        var letter = Letter.From([received], Official);
        Assert.Equal(SentAt, letter.SubmittedAt);
        Assert.Equal(LetterStatuses.Received, letter.Status);
        Assert.Equal(D("2025-03-06"), letter.DueOn); // 3 working days to accept, as for a letter a clerk logs
    }

    [Theory]
    [InlineData("writer.phone", null)]
    [InlineData("writer.phone", "  ")]
    [InlineData("writer.phone", "12345")]
    [InlineData("writer.phone", "138-1234-567a")]
    public void The_phone_is_required_and_must_be_a_phone_number(string field, string? phone) =>
        Assert.Equal(field, RefusedField(() => Submit(phone: phone)));

    [Fact]
    public void The_name_is_required_and_an_e_mail_must_be_an_address()
    {
        Assert.Equal("writer.name", RefusedField(() => Submit(name: " ")));
        Assert.Equal("writer.email", RefusedField(() => Submit(email: "zhao at example")));
        Assert.Equal("0086 21-6321 2345", Submit(phone: " 0086 21-6321 2345 ").Writer.Phone);
    }

    [Theory]
    [InlineData("report")] // 举报 and the other types are a clerk's, not the online form's
    [InlineData("praise")]
    [InlineData(null)]
    public void Only_the_four_online_types_are_offered(string? category) =>
        Assert.Equal("category", RefusedField(() => Submit(category: category)));

    [Fact]
    public void The_title_has_10_to_25_characters_and_the_body_at_most_600()
    {
        Assert.Equal("subject", RefusedField(() => Submit(subject: "施工噪音扰民问题反"))); // 9
        Assert.Equal(10, Submit(subject: "施工噪音扰民问题反映").Subject.Length);
        Assert.Equal(25, Submit(subject: new string('字', 25)).Subject.Length);
        Assert.Equal("subject", RefusedField(() => Submit(subject: new string('字', 26))));
        Assert.Equal(600, Submit(body: new string('字', 600)).Body.Length);
        Assert.Equal("body", RefusedField(() => Submit(body: new string('字', 601))));
        Assert.Equal("body", RefusedField(() => Submit(body: "  ")));
    }

    [Fact]
    public void The_writer_must_say_whether_the_reply_may_be_published()
    {
        Assert.Equal("publicConsent", RefusedField(() => Submit(consent: null)));
        Assert.False(Submit(consent: false).PublicConsent);
    }

    [Fact]
    public void The_public_list_shows_the_latest_reply_only_when_marked_publishable_with_consent_and_never_after_erasure()
    {
        var received = Submit();
        var accepted = new LetterAccepted(Today, 15);
        var published = new LetterReplied(D("2025-03-10"), "已责令施工单位停止夜间施工。", true, D("2025-03-24"), 5, "complaint", null, 1);
        var letter = Letter.From([received, accepted, published], Official);
        Assert.Equal(D("2025-03-10"), letter.PublishedReplyOn);
        Assert.Equal("已责令施工单位停止夜间施工。", letter.PublishedReply()!.Text);

        // re-handled after an unsatisfied follow-up, answered again without publication: the old reply leaves the list too
        var reopened = new FeedbackRecorded(D("2025-03-11"), Satisfactions.Unsatisfied);
        var second = new LetterReplied(D("2025-03-20"), "第二次答复", false, D("2025-04-01"), 13, "complaint", null, 2);
        Assert.Null(Letter.From([received, accepted, published, reopened, second], Official).PublishedReplyOn);

        // the writer did not consent: a reply event marked publishable (as stored by an older version) is not shown
        var noConsent = Submit(consent: false);
        Assert.Null(Letter.From([noConsent, accepted, published], Official).PublishedReply());

        var erased = Letter.From([received, accepted, published, new PersonalDataErased(D("2026-03-10"), "retention")], Official);
        Assert.Null(erased.PublishedReplyOn);
        Assert.Null(erased.PublishedReply());
    }
}
