namespace Disclosure.Domain.Fees;

/// <summary>One printed line of the computation, e.g. 第31—100页：70页×10元=700元.</summary>
public sealed record FeeLine(string Text, int Units, decimal RateYuan, decimal AmountYuan);

/// <summary>
/// The fee of one application and how it was computed, line by line, ready for the 收费通知书.
/// <see cref="Method"/> is the <c>FeeBases</c> code the host records in <c>FeeNoticeSent.Basis</c>.
/// </summary>
public sealed record FeeAssessment(string Method, decimal AmountYuan, IReadOnlyList<FeeLine> Lines, string? WaivedBecause)
{
    /// <summary>A fee notice is sent only for an amount to pay.</summary>
    public bool IsDue => AmountYuan > 0;

    public string Total => $"合计：{Yuan.Format(AmountYuan)}元";
}

internal static class Yuan
{
    /// <summary>Whole yuan, no grouping: the figure as it is printed in the computation lines.</summary>
    public static string Format(decimal amount) => amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
