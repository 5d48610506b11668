namespace Disclosure.Domain.Notices;

/// <summary>送达方式 (国办公开办函〔2016〕235号; electronic delivery by analogy, see <see cref="Delivery"/>).</summary>
public static class DeliveryMethods
{
    public const string Direct = "direct";
    public const string Delegated = "delegated";
    public const string Post = "post";
    public const string Electronic = "electronic";

    public static readonly IReadOnlyList<Term> All =
    [
        new(Direct, "直接送达"),
        new(Delegated, "委托其他行政机关代为送达"),
        new(Post, "邮寄送达"),
        new(Electronic, "电子送达"),
    ];
}
