namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>
/// One field as a form shows it: its description, the form's state, a default value (today for dates), layout hints, and
/// for a field that picks one of the agency's staff (<see cref="Disclosure.Host.Cases.PickStaffAttribute"/>) the ones known to choose from.
/// </summary>
public sealed record FieldView(FormField Field, FormState State, string? Default = null, string IdPrefix = "", bool Wide = false, string? For = null,
    IReadOnlyList<Domain.Term>? Options = null)
{
    public static IEnumerable<FieldView> Of(IEnumerable<FormField> fields, FormState state, DateOnly today, string idPrefix = "",
        Func<FormField, IReadOnlyList<Domain.Term>?>? options = null) =>
        fields.Select(f => new FieldView(f, state, f.Kind == FieldKind.Date && f.Required ? today.ToString("yyyy-MM-dd") : null, idPrefix,
            f.Kind is FieldKind.TextArea or FieldKind.Lines or FieldKind.Pairs or FieldKind.Choices, Options: options?.Invoke(f)));
}
