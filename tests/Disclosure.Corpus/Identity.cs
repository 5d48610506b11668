namespace Disclosure.Corpus;

/// <summary>Identity numbers with valid check characters, so the data passes the checks real intake forms make.</summary>
public static class Identity
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheck = "10X98765432";

    /// <summary>居民身份证号码 (GB 11643-1999): 6-digit region, birth date, 3-digit sequence (odd for men), check character.</summary>
    public static string IdNumber(string region, DateOnly birth, int sequence)
    {
        Span<char> c = stackalloc char[18];
        region.AsSpan().CopyTo(c);
        birth.TryFormat(c[6..], out _, "yyyyMMdd");
        c[14] = (char)('0' + sequence / 100 % 10);
        c[15] = (char)('0' + sequence / 10 % 10);
        c[16] = (char)('0' + sequence % 10);
        c[17] = IdCheckCharacter(c[..17]);
        return new string(c);
    }

    public static char IdCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * IdWeights[i];
        return IdCheck[sum % 11];
    }

    public static bool IsValidIdNumber(string id) =>
        id.Length == 18 && id.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0 && IdCheckCharacter(id.AsSpan(0, 17)) == id[17];

    private const string CreditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// 统一社会信用代码 (GB 32100-2015): registering authority and kind (91 company, 52 private non-enterprise,
    /// 31 law firm …), region, the 9-character organisation code (GB 11714, its own check), check character.
    /// </summary>
    public static string CreditCode(string authorityAndKind, string region, int organisation)
    {
        Span<char> c = stackalloc char[18];
        authorityAndKind.AsSpan().CopyTo(c);
        region.AsSpan().CopyTo(c[2..]);
        var body = c.Slice(8, 8);
        for (var i = 7; i >= 0; i--) { body[i] = (char)('0' + organisation % 10); organisation /= 10; }
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (body[i] - '0') * OrgCodeWeights[i];
        var check = 11 - sum % 11;
        c[16] = check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
        c[17] = CreditCheckCharacter(c[..17]);
        return new string(c);
    }

    public static char CreditCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += CreditCharset.IndexOf(first17[i]) * CreditWeights[i];
        return CreditCharset[(31 - sum % 31) % 31];
    }

    public static bool IsValidCreditCode(string code) =>
        code.Length == 18 && code.All(c => CreditCharset.Contains(c)) && CreditCheckCharacter(code.AsSpan(0, 17)) == code[17];
}
