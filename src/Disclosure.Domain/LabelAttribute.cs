namespace Disclosure.Domain;

/// <summary>
/// What a clerk reads for a type or a field, in Chinese: an event's entry in a case's history (收到申请, 补正告知…), or a
/// command field's label on its console form (the shared labels by JSON name are the default). A completeness test asks
/// every event of a case for one.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class LabelAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
