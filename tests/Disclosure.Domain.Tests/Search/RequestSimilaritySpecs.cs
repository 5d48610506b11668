using Disclosure.Domain.Search.Repeats;

namespace Disclosure.Domain.Tests.Search;

/// <summary>Alike in what is asked for, not in how it is asked.</summary>
public class RequestSimilaritySpecs
{
    private static double Score(string a, string b) => RequestSimilarity.Score(a, b);

    [Fact]
    public void The_same_request_in_another_frame_is_alike() =>
        Assert.InRange(Score(
            "依据《中华人民共和国政府信息公开条例》第二十七条，申请公开幸福路拓宽改造工程的房屋征收决定（海政发〔2023〕12号）。",
            "本人系美兰区新安社区居民，因本人房屋位于征收范围内，特申请公开幸福路拓宽改造工程的房屋征收决定（海政发[2023]12号），请邮寄纸质件。"),
            0.9, 1.0);

    [Fact]
    public void Only_the_words_of_asking_in_common_is_not_alike() =>
        Assert.InRange(Score("依据《中华人民共和国政府信息公开条例》，申请公开2023年部门预算。",
            "依据《中华人民共和国政府信息公开条例》，申请公开新安村集体土地所有权证。"), 0, 0.2);

    [Fact]
    public void Another_year_at_least_halves_the_likeness()
    {
        var same = Score("申请公开美兰区2023年一般公共预算执行情况", "请提供美兰区2023年一般公共预算执行情况");
        var otherYear = Score("申请公开美兰区2023年一般公共预算执行情况", "请提供美兰区2022年一般公共预算执行情况");
        Assert.Equal(1.0, same, 3);
        Assert.InRange(otherYear, 0.3, same / 2);
    }

    [Fact]
    public void Leaving_out_the_document_number_is_no_other_request() =>
        Assert.InRange(Score("申请公开幸福路拓宽改造工程房屋征收决定（海政发〔2023〕12号）", "申请公开幸福路拓宽改造工程房屋征收决定"), 0.85, 1.0);

    [Theory]
    [InlineData("新安村", "白沙村")]
    [InlineData("幸福路", "人民路")]
    [InlineData("海秀南路", "海秀北路")]
    [InlineData("第四中学", "第五中学")]
    [InlineData("凤凰农业开发有限公司", "竹园农业开发有限公司")]
    [InlineData("松林片区", "白沙片区")]
    public void Another_thing_of_the_same_kind_is_another_request(string one, string other)
    {
        const string asked = "申请公开{0}的征收补偿方案";
        Assert.InRange(Score(string.Format(asked, one), string.Format(asked, other)), 0, 0.55);
    }

    [Fact]
    public void Another_document_of_the_same_project_is_less_alike_than_the_same_document_reworded()
    {
        const string project = "东湖片区旧城改造项目";
        var reworded = Score($"申请公开{project}的征收补偿方案", $"请提供{project}征收补偿安置方案的复印件");
        var otherDocument = Score($"申请公开{project}的征收补偿方案", $"申请公开{project}的社会稳定风险评估报告");
        Assert.True(reworded > RepeatSettings.SameApplicantThreshold, $"reworded {reworded}");
        Assert.True(otherDocument < RepeatSettings.SameApplicantThreshold, $"other document {otherDocument}");
    }

    [Fact]
    public void Short_forms_compare_as_written_out() =>
        Assert.InRange(Score("申请公开新民污水处理厂扩建工程环评批复", "申请公开新民污水处理厂扩建工程环境影响评价批复文件"), 0.9, 1.0);

    [Fact]
    public void The_date_of_an_earlier_filing_is_not_part_of_the_request() =>
        Assert.InRange(Score("2024年6月已申请过，现再次申请：美兰区2021年部门决算", "申请公开美兰区2021年部门决算"), 0.9, 1.0);

    [Fact]
    public void Nothing_to_compare_is_not_alike() => Assert.Equal(0, Score("申请公开。", "申请公开"));

    [Fact]
    public void The_score_is_symmetric() =>
        Assert.Equal(Score("申请公开东湖片区征收决定", "请提供东湖片区房屋征收决定书全文"), Score("请提供东湖片区房屋征收决定书全文", "申请公开东湖片区征收决定"));

    [Fact]
    public void Shared_phrases_are_the_longest_common_stretches_first_at_most_three()
    {
        var phrases = RequestSimilarity.SharedPhrases(
            "申请公开幸福路拓宽改造工程拆迁补偿协议及2023年度补偿款发放明细和安置房分配方案",
            "请提供幸福路拓宽改造工程的拆迁补偿协议，以及安置房分配方案，2023年度补偿款发放明细");
        Assert.Equal(["2023年度补偿款发放明细", "幸福路拓宽改造工程", "安置房分配方案"], phrases);
    }

    [Fact]
    public void Shared_phrases_are_at_least_four_characters() =>
        Assert.Empty(RequestSimilarity.SharedPhrases("申请公开合同", "请提供合同"));
}
