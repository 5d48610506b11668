using System.Text;

namespace Disclosure.Corpus;

/// <summary>Who really filed: a person or an organisation, with the identity it writes differently from time to time.</summary>
internal sealed class Filer
{
    public required int Id { get; init; }
    public required string Category { get; init; }
    public required string Name { get; init; }
    public string? IdNumber { get; init; }
    public string? CreditCode { get; init; }
    public required string Phone { get; init; }
    public string? OtherPhone { get; init; }
    public string? Email { get; init; }
    public required string Address { get; init; }
}

/// <summary>Realistic names, identity numbers, phone numbers and organisations, and the ways people write them on forms.</summary>
internal static class People
{
    // the common surnames, the most frequent listed more than once so they come up more often
    private static readonly string[] Surnames =
    [
        "王", "王", "王", "李", "李", "李", "张", "张", "张", "刘", "刘", "陈", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
        "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈",
        "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "韦", "贾", "夏", "付", "方", "邹", "熊", "白", "孟", "秦",
        "邱", "侯", "江", "尹", "薛", "符", "云", "吉", "欧阳", "司马", "诸葛", "上官",
    ];

    private static readonly string[] MaleGiven =
        ["伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宁", "建国",
         "建华", "志强", "海涛", "文博", "子轩", "浩然", "宇航", "俊杰", "振华", "国庆", "德明", "永福", "家豪", "天佑", "明轩"];

    private static readonly string[] FemaleGiven =
        ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "颖", "秀英", "桂兰", "玉梅", "丽华",
         "晓燕", "春梅", "海燕", "雨涵", "欣怡", "梓涵", "诗琪", "雅琴", "慧敏", "美玲", "淑珍", "思琪"];

    // a few names of minority nationalities, written with the middle dot (阿依古丽·买买提)
    private static readonly string[] DottedNames = ["阿依古丽·买买提", "艾力·吐尔逊", "扎西·次仁", "古丽娜·热合曼", "买买提·艾则孜"];

    private static readonly string[] MobilePrefixes =
        ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158",
         "159", "166", "173", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199"];

    private static readonly string[] MailDomains = ["163.com", "126.com", "qq.com", "sina.com", "foxmail.com", "139.com"];

    private static readonly (string Category, string Code, Template[] Forms)[] OrganisationKinds =
    [
        ("commercial_enterprise", "91", ["{city}{word}<环保科技|新材料|建材|食品|物流|生物科技|置业|建设工程|餐饮管理|房地产开发>有限公司", "{word}<实业|投资|贸易>（{city}）有限公司"]),
        ("research_institution", "12", ["{city}{word}<环境|城市规划|农业|经济>研究院", "{city}<社会科学院|城乡规划设计研究院>"]),
        ("public_interest_organization", "52", ["{city}{word}<生态环保|公益|社区发展|法律援助>促进会", "{word}<环境公益|助老>服务中心"]),
        ("legal_service_institution", "31", ["<北京|上海|广东|海南|浙江|四川>{word}律师事务所", "{city}{word}律师事务所"]),
        ("other_organization", "N2", ["{word}村股份经济合作社", "{city}{word}业主委员会"]),
    ];

    // filer numbers below this prime map one-to-one onto (region, birth date, sequence): no two share a number
    private const long IdSpace = 982_451_653;
    private static readonly DateOnly EarliestBirth = new(1950, 1, 1);
    private const int BirthDays = 18_262; // 1950-01-01 … 1999-12-31

    public static Filer Person(int id, Random random, District home)
    {
        var mixed = id * 607_196_113L % IdSpace; // a multiplicative bijection: neighbouring filers look unrelated
        var sequence = (int)(mixed % 1000);
        var birth = EarliestBirth.AddDays((int)(mixed / 1000 % BirthDays));
        var region = Places.BirthRegions[(int)(mixed / 1000 / BirthDays % Places.BirthRegions.Length)];
        var male = sequence % 2 == 1;
        var name = random.Next(200) == 0 ? Pick(random, DottedNames)
            : Pick(random, Surnames) + Pick(random, male ? MaleGiven : FemaleGiven);
        return new Filer
        {
            Id = id, Category = "natural_person", Name = name,
            IdNumber = Identity.IdNumber(region, birth, sequence),
            Phone = Mobile(random), OtherPhone = random.Next(5) == 0 ? Mobile(random) : null,
            Email = random.Next(5) < 2 ? Email(random) : null,
            Address = Address(random, home),
        };
    }

    public static Filer Organisation(int id, Random random, District home, string?[] values)
    {
        var (category, code, forms) = OrganisationKinds[random.Next(OrganisationKinds.Length)];
        values[(int)Slot.City] = home.City;
        values[(int)Slot.Word] = Pick(random, Places.Words);
        var name = Pick(random, forms).Render(random, values);
        return new Filer
        {
            Id = id, Category = category, Name = name,
            CreditCode = Identity.CreditCode(code, home.Region, (int)(id * 7_919L % 99_999_989)),
            Phone = random.Next(2) == 0 ? $"{home.AreaCode}-{random.Next(60_000_000, 89_999_999)}" : Mobile(random),
            Email = random.Next(2) == 0 ? Email(random) : null,
            Address = Address(random, home),
        };
    }

    /// <summary>How the filer fills in the form this time: the same identity, written one of the ways people write it.</summary>
    public static CorpusApplicant Written(Filer f, Random random)
    {
        var phoneRoll = random.Next(100);
        var phone = phoneRoll < 3 ? null : phoneRoll < 8 && f.OtherPhone is not null ? f.OtherPhone : f.Phone;
        return new CorpusApplicant(
            f.Category,
            f.Category == "natural_person" ? WrittenName(f.Name, random) : WrittenOrganisation(f.Name, random),
            f.IdNumber is null || random.Next(100) < 6 ? null : WrittenCode(f.IdNumber, random),
            f.CreditCode is null || random.Next(100) < 4 ? null : WrittenCode(f.CreditCode, random),
            phone is null ? null : WrittenPhone(phone, random),
            random.Next(3) == 0 ? null : f.Email,
            random.Next(4) == 0 ? null : f.Address);
    }

    private static string WrittenName(string name, Random random) => random.Next(100) switch
    {
        < 4 when !name.Contains('·') => name[..1] + " " + name[1..],   // 王 伟
        < 30 when name.Contains('·') => name.Replace('·', random.Next(2) == 0 ? '•' : '・'),
        _ => name,
    };

    private static string WrittenOrganisation(string name, Random random) =>
        random.Next(10) == 0 ? name.Replace('（', '(').Replace('）', ')') : name;

    private static string WrittenCode(string code, Random random) => random.Next(100) switch
    {
        < 5 => code.ToLowerInvariant(),                                         // 46010819800101123x
        < 9 => code.Length == 18 ? $"{code[..6]} {code[6..14]} {code[14..]}" : code, // spaced as printed on the card
        < 12 => FullWidth(code),                                                // typed with a Chinese input method
        _ => code,
    };

    private static string WrittenPhone(string phone, Random random)
    {
        if (phone.Contains('-')) return random.Next(4) == 0 ? $"({phone[..phone.IndexOf('-')]}){phone[(phone.IndexOf('-') + 1)..]}" : phone;
        return random.Next(100) switch
        {
            < 8 => $"{phone[..3]} {phone[3..7]} {phone[7..]}",
            < 14 => $"{phone[..3]}-{phone[3..7]}-{phone[7..]}",
            < 20 => "+86 " + phone,
            < 23 => $"+86-{phone[..3]}-{phone[3..7]}-{phone[7..]}",
            < 26 => "0086" + phone,
            < 28 => "(+86)" + phone,
            < 30 => FullWidth(phone),
            _ => phone,
        };
    }

    public static string FullWidth(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) sb.Append(c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c);
        return sb.ToString();
    }

    private static string Mobile(Random random) => Pick(random, MobilePrefixes) + random.Next(0, 100_000_000).ToString("D8");

    private static string Email(Random random)
    {
        Span<char> local = stackalloc char[random.Next(5, 10)];
        for (var i = 0; i < local.Length; i++) local[i] = i < 3 || random.Next(3) > 0 ? (char)('a' + random.Next(26)) : (char)('0' + random.Next(10));
        return $"{local}@{Pick(random, MailDomains)}";
    }

    private static string Address(Random random, District d) =>
        $"{d.City}{d.Name}{Pick(random, Places.RoadWords)}{Pick(random, Places.RoadKinds)}{random.Next(1, 300)}号" +
        (random.Next(3) == 0 ? "" : $"{Pick(random, Places.Words)}{Pick(random, Places.EstateKinds)}{random.Next(1, 30)}栋{random.Next(1, 4)}单元{random.Next(1, 30)}0{random.Next(1, 5)}室");

    public static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
