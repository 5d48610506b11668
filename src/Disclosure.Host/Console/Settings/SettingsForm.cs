using Disclosure.Host.StaffConsole.Shared;

namespace Disclosure.Host.StaffConsole.Settings;

/// <summary>One settings form: the handler it posts to, its fields with their current values.</summary>
public sealed record SettingsForm(string Handler, IReadOnlyList<FormField> Fields, FormState State, IReadOnlyDictionary<string, string?> Defaults, string Submit);
