namespace Disclosure.Domain.Search.Repeats;

internal enum NameKind { District, Town, Village, Plot, Road, Water, School, Hospital, Company, Project }

/// <summary>
/// Names of the things a request is about, found the way Chinese names are built: a proper name followed by the word
/// for what it is (新安村, 松林片区, 幸福路, 第四中学, 凤凰农业开发有限公司, 安保服务采购项目). Two requests that name
/// things of one kind and share none of those names are about different things (新安村 vs 白沙村), however alike the
/// rest of their wording. What follows the last name is what is asked of it (…项目的<b>采购合同</b>).
/// </summary>
internal static class Named
{
    /// <summary>A suffix, the kind it names, how many characters before it are kept as the name, and how many of its own (南 of 南路).</summary>
    private readonly record struct Suffix(string Text, NameKind Kind, int Length, int Own = 0);

    // longest first, so 街道 is a town before 街 is a road and 南路 is read before 路
    private static readonly Suffix[] Suffixes =
    [
        new("社区卫生服务中心", NameKind.Hospital, 4), new("有限公司", NameKind.Company, 6), new("污水处理厂", NameKind.Project, 4),
        new("幼儿园", NameKind.School, 4), new("卫生院", NameKind.Hospital, 4), new("保健院", NameKind.Hospital, 4),
        new("社区", NameKind.Village, 2), new("街道", NameKind.Town, 2), new("小区", NameKind.Village, 4), new("片区", NameKind.Plot, 2),
        new("园区", NameKind.Plot, 4), new("地块", NameKind.Plot, 4),
        new("东路", NameKind.Road, 2, 1), new("西路", NameKind.Road, 2, 1), new("南路", NameKind.Road, 2, 1), new("北路", NameKind.Road, 2, 1),
        new("中路", NameKind.Road, 2, 1), new("大道", NameKind.Road, 2), new("河道", NameKind.Water, 2), new("水库", NameKind.Water, 2),
        new("小学", NameKind.School, 4), new("中学", NameKind.School, 4), new("学校", NameKind.School, 4), new("医院", NameKind.Hospital, 4),
        new("公司", NameKind.Company, 6), new("项目", NameKind.Project, 10), new("工程", NameKind.Project, 10),
        new("用地", NameKind.Project, 10),
        new("村", NameKind.Village, 2), new("镇", NameKind.Town, 2), new("乡", NameKind.Town, 2), new("区", NameKind.District, 6),
        new("县", NameKind.District, 2), new("路", NameKind.Road, 2), new("街", NameKind.Road, 2),
    ];

    /// <summary>Common words that end like a name but are none (道路 is no road called 道).</summary>
    private static readonly string[] NotNames =
        ["道路", "线路", "公路", "铁路", "马路", "电路", "过街", "沿街", "临街", "城乡", "城镇", "乡镇", "农村", "乡村", "地区", "市区", "城区", "辖区", "学区", "景区"];

    /// <summary>Words that begin like a suffix but end no name (区片综合地价, 村民).</summary>
    private static readonly string[] NotSuffixes = ["区片", "区域", "区间", "村民", "村委"];

    /// <summary>The names in a normalised text (runs separated by spaces), and where the last one ends.</summary>
    public static ((NameKind, string)[] Names, int End) In(string text)
    {
        var names = new List<(NameKind, string)>();
        var end = 0;
        for (var at = 1; at < text.Length; at++)
        {
            foreach (var s in Suffixes)
            {
                if (string.CompareOrdinal(text, at, s.Text, 0, s.Text.Length) != 0) continue;
                if (NotSuffixes.Any(w => string.CompareOrdinal(text, at, w, 0, w.Length) == 0)) break;
                if (!IsCommonWord(text, at, s.Text) && NameBefore(text, at, s.Length) is { } name)
                {
                    names.Add((s.Kind, name + s.Text[..s.Own]));
                    end = at + s.Text.Length;
                }
                at += s.Text.Length - 1;
                break;
            }
        }
        return (names.Distinct().ToArray(), end);
    }

    private static bool IsCommonWord(string text, int at, string suffix) =>
        NotNames.Any(w => w.EndsWith(suffix, StringComparison.Ordinal) && at + suffix.Length - w.Length >= 0
                          && string.CompareOrdinal(text, at + suffix.Length - w.Length, w, 0, w.Length) == 0);

    /// <summary>
    /// Up to <paramref name="length"/> characters before a suffix, within its stretch of text: across the spaces beside a
    /// number (白沙 220 千伏输变电工程) and across a bracketed city (东山水务（成都市）有限公司).
    /// </summary>
    private static string? NameBefore(string text, int at, int length)
    {
        var i = at - 1;
        if (text[i] == ' ')
        {
            // a suffix that starts a stretch names nothing, unless a bracketed city stands between
            if (CityInBrackets(text, at) is not { } before) return null;
            i = before;
        }
        var name = new System.Text.StringBuilder(length);
        while (i >= 0 && name.Length < length)
        {
            if (text[i] == ' ')
            {
                if (i == 0 || !char.IsAsciiDigit(text[i - 1]) && !char.IsAsciiDigit(text[i + 1])) break;
            }
            else name.Insert(0, text[i]);
            i--;
        }
        return name.Length >= 2 ? name.ToString() : null;
    }

    /// <summary>"东山水务 成都市 有限公司": where the name before the city ends.</summary>
    private static int? CityInBrackets(string text, int at)
    {
        if (at < 2 || text[at - 1] != ' ') return null;
        var cityStart = text.LastIndexOf(' ', at - 2) + 1;
        return cityStart > 1 && at - 1 - cityStart <= 4 && text[at - 2] == '市' ? cityStart - 2 : null;
    }

    /// <summary>
    /// Each names a thing of some kind that the other does not (松林片区 vs 白沙片区); naming one more is no difference.
    /// Long names one character apart are one name written twice (2021年度物业管理服务采购 / 2021年物业管理服务采购).
    /// </summary>
    public static bool Differ((NameKind Kind, string Name)[] a, (NameKind Kind, string Name)[] b) =>
        a.Any(x => !b.Any(y => Same(x, y)) && b.Any(y => y.Kind == x.Kind && !a.Any(z => Same(z, y))));

    private static bool Same((NameKind Kind, string Name) x, (NameKind Kind, string Name) y) =>
        x.Kind == y.Kind && (x.Name == y.Name || Math.Min(x.Name.Length, y.Name.Length) >= 4 && OneLeftOut(x.Name, y.Name));

    /// <summary>One character more in one of them (年度 / 年); a character changed is another name (第六中学 / 第七中学).</summary>
    private static bool OneLeftOut(string s, string t)
    {
        if (Math.Abs(s.Length - t.Length) != 1) return false;
        var (longer, shorter) = s.Length > t.Length ? (s, t) : (t, s);
        var i = 0;
        while (i < shorter.Length && longer[i] == shorter[i]) i++;
        return longer.AsSpan(i + 1).SequenceEqual(shorter.AsSpan(i));
    }
}
