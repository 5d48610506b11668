namespace Disclosure.Domain.Applications;

/// <summary>
/// 公民身份号码 (GB 11643-1999): 6 digits of the address code, the birth date as yyyyMMdd, a 3-digit sequence and a check
/// character — ISO 7064 MOD 11-2 over the first 17 digits (weights 2^(17-i) mod 11), 10 written as X.
/// </summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Well formed, a real birth date, and the check character right; a lower-case x is read as X.</summary>
    public static bool IsValid(string? number)
    {
        if (number is not { Length: 18 }) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (number[i] is < '0' or > '9') return false;
            sum += (number[i] - '0') * Weights[i];
        }
        if (char.ToUpperInvariant(number[17]) != CheckCharacters[sum % 11]) return false;
        return DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", out var born) && born.Year >= 1900;
    }
}

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters from digits and the capital letters other than I, O, Z, S, V.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsWellFormed(string code) => code.Length == 18 && code.All(c => Alphabet.Contains(c));

    /// <summary>
    /// Well formed and its 18th character the check character of GB 32100-2015 §4.3: 31 − (Σ value × weight mod 31), with 31
    /// written 0. A typo in one character always fails it.
    /// </summary>
    public static bool IsValid(string? code)
    {
        if (code is null || !IsWellFormed(code)) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(code[i]) * Weights[i];
        var check = (31 - sum % 31) % 31;
        return code[17] == Alphabet[check];
    }
}
