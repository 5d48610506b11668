using System.Text;

namespace Disclosure.Corpus;

/// <summary>
/// A campaign (征收、拆迁，or one public-interest question copied from the internet): thousands of applicants file one model
/// text, each touched up a little (their own house, a delivery line, typing habits), and some file it again later. All its
/// records ask for the same information (one <see cref="CorpusRecord.RequestKey"/>); a re-filing by the same filer is a
/// planted repeat (<see cref="CorpusRecord.RepeatOf"/>).
/// </summary>
public sealed record CampaignOptions
{
    public DateOnly From { get; init; } = new(2025, 1, 6);
    public DateOnly To { get; init; } = new(2025, 6, 30);
    public string AgencyCode { get; init; } = "SP";
    /// <summary>The district of the village concerned (an index into the built-in districts; by default chosen by the seed).</summary>
    public int? District { get; init; }
    /// <summary>Records that are a campaign filer's own earlier request filed again (by the same filer).</summary>
    public double RefiledShare { get; init; } = 0.05;
    /// <summary>Of those filed again, the share that says so ("本人曾于…提出申请，现再次申请：").</summary>
    public double SaysAgainShare { get; init; } = 0.3;
}

internal sealed class CampaignGenerator(int seed, int count, CampaignOptions options)
{
    // the few versions of the model text that circulate (in a WeChat group, on a forum); each names the same documents
    private static readonly Template[] Models =
    [
        "申请公开{district}{town}{village}集体土地征收的征地批复文件、征收土地公告、征地补偿安置方案及{year}年征地补偿款发放明细。",
        "本人系{village}村民，房屋及承包地位于{project}征收范围内，申请公开{project}的土地征收批准文件、征地补偿安置方案、补偿标准及补偿款发放明细，用于维护本人合法权益。",
        "依据《中华人民共和国政府信息公开条例》，申请公开{town}{village}被征收土地的批复文件、征收公告、补偿安置方案和征地补偿费用支付凭证。",
    ];

    private static readonly Template[] Touches =
    [
        "本人房屋位于{village}{house}。", "我家承包地在{village}第{ordinal}村民小组。", "本人系被征收户。",
    ];

    private readonly Random random = new(seed);
    private readonly int days = options.To.DayNumber - options.From.DayNumber + 1;
    private readonly List<(int Index, Filer Filer, string Text, DateOnly On)> filed = [];
    private readonly StringBuilder text = new(256);
    private string?[]? values;
    private int filers;
    private int number;

    public CorpusRecord Next(int index)
    {
        var on = options.From.AddDays((int)((long)index * days / Math.Max(1, count)));
        var v = values ??= Values();
        var key = $"campaign/{seed}|{v[(int)Slot.Village]}";
        if (filed.Count > 20 && random.NextDouble() < options.RefiledShare
            && filed[random.Next(filed.Count)] is var earlier && on.DayNumber - earlier.On.DayNumber >= 7)
        {
            // the same filer again: their own text pasted once more, sometimes saying so
            text.Clear();
            if (random.NextDouble() < options.SaysAgainShare)
                text.Append($"本人曾于{earlier.On.Year}年{earlier.On.Month}月就此提出申请，至今未获答复，现再次申请：");
            text.Append(earlier.Text);
            return Record(index, on, earlier.Filer, text.ToString(), key, earlier.Index);
        }
        var district = Places.Districts[Home()];
        var filer = People.Person(++filers, random, district);
        var row = (string?[])v.Clone();
        row[(int)Slot.House] = $"{random.Next(1, 400)}号";
        row[(int)Slot.Ordinal] = Places.ChineseOrdinals[random.Next(Places.ChineseOrdinals.Length)];
        text.Clear();
        Models[random.Next(Models.Length)].Render(text, random, row);
        if (random.Next(3) == 0) text.Append(Touches[random.Next(Touches.Length)].Render(random, row));
        if (random.Next(4) == 0) text.Append(Frames.Deliveries[random.Next(Frames.Deliveries.Length)].Render(random, row));
        if (random.Next(20) == 0) text.Replace('，', ',');
        var description = text.ToString();
        filed.Add((index, filer, description, on));
        return Record(index, on, filer, description, key, null);
    }

    private CorpusRecord Record(int index, DateOnly on, Filer filer, string description, string key, int? repeatOf) =>
        new(index, CorpusKind.Application, $"{options.AgencyCode}-{on.Year}-{++number:D5}", "online", on, "land_expropriation",
            People.Written(filer, random), null, description, null, filer.Id, key, repeatOf);

    private int Home() => options.District ?? (int)((uint)seed % (uint)Places.Districts.Length);

    private string?[] Values()
    {
        var d = Places.Districts[Home()];
        var v = new string?[Enum.GetValues<Slot>().Length];
        v[(int)Slot.City] = d.City;
        v[(int)Slot.District] = d.Name;
        v[(int)Slot.Town] = Places.Words[random.Next(Places.Words.Length)] + "镇";
        v[(int)Slot.Village] = Places.Words[random.Next(Places.Words.Length)] + "村";
        v[(int)Slot.Project] = $"{v[(int)Slot.Town]}{v[(int)Slot.Village]}{Places.Words[random.Next(Places.Words.Length)]}片区征收项目";
        v[(int)Slot.Year] = options.From.Year.ToString();
        return v;
    }
}
