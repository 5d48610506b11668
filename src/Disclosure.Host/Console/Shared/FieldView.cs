namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>One field as a form shows it: its description, the form's state, a default value (today for dates), and layout hints.</summary>
public sealed record FieldView(FormField Field, FormState State, string? Default = null, string IdPrefix = "", bool Wide = false, string? For = null)
{
    public static IEnumerable<FieldView> Of(IEnumerable<FormField> fields, FormState state, DateOnly today, string idPrefix = "") =>
        fields.Select(f => new FieldView(f, state, f.Kind == FieldKind.Date && f.Required ? today.ToString("yyyy-MM-dd") : null, idPrefix,
            f.Kind is FieldKind.TextArea or FieldKind.Lines or FieldKind.Pairs or FieldKind.Choices));
}
