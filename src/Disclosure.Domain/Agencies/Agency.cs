using System.Text.RegularExpressions;

namespace Disclosure.Domain.Agencies;

/// <summary>An event of an agency's own stream; the agency directory folds every type that implements it.</summary>
public interface IAgencyEvent
{
    string AgencyId { get; }
}

/// <summary>An agency (行政机关) was registered to use the system.</summary>
[StoredName(EventNames.AgencyRegistered)]
public sealed record AgencyRegistered(string AgencyId, string Name, string? ParentId, string Code, DateTimeOffset RegisteredAt) : IAgencyEvent;

/// <summary>The agency chose how many working days before a due date its handlers are reminded.</summary>
[StoredName(EventNames.ReminderSettingSet)]
public sealed record ReminderSettingSet(string AgencyId, int WorkingDaysBefore, DateTimeOffset SetAt) : IAgencyEvent;

/// <summary>
/// The agency chose after how many working days an answer notice (答复书) not yet delivered (送达) reminds its handlers;
/// 0 turns the reminder off (the default).
/// </summary>
[StoredName(EventNames.UndeliveredNoticeReminderSet)]
public sealed record UndeliveredNoticeReminderSet(string AgencyId, int WorkingDays, DateTimeOffset SetAt) : IAgencyEvent;

/// <summary>The agency set its own mailbox time limits (working days); letters received or accepted afterwards use them.</summary>
[StoredName(EventNames.LetterTimeLimitsSet)]
public sealed record LetterTimeLimitsSet(string AgencyId, int AcceptWithin, int ReplyWithin, DateTimeOffset SetAt) : IAgencyEvent;

/// <summary>The agency set how many years it keeps a closed case's personal data (its archive rules; <see cref="RetentionPolicy"/>).</summary>
[StoredName(EventNames.RetentionSettingSet)]
public sealed record RetentionSettingSet(string AgencyId, int Years, DateTimeOffset SetAt) : IAgencyEvent;

/// <summary>An agency as the directory shows it. Agencies form a hierarchy through <see cref="ParentId"/>.</summary>
public sealed class Agency
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ParentId { get; set; }
    /// <summary>Prefix of the agency's tracking numbers, e.g. SCP in SCP-2024-00017.</summary>
    public string Code { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }
    public Letters.LetterTimeLimits? LetterLimits { get; set; }
    public const int DefaultReminderWorkingDays = 3;
    public int? ReminderWorkingDays { get; set; }
    /// <summary>Working days after which an answer notice not yet delivered reminds the handlers; null or 0: no such reminder.</summary>
    public int? UndeliveredNoticeWorkingDays { get; set; }
    public Letters.LetterTimeLimits EffectiveLetterLimits => LetterLimits ?? Letters.LetterTimeLimits.Default;
    /// <summary>Years a closed case's personal data is kept; null: <see cref="RetentionPolicy.DefaultYears"/>.</summary>
    public int? RetentionYears { get; set; }
    public int EffectiveRetentionYears => RetentionYears ?? RetentionPolicy.DefaultYears;

    public void Fold(IAgencyEvent @event)
    {
        switch (@event)
        {
            case AgencyRegistered e:
                Id = e.AgencyId; Name = e.Name; ParentId = e.ParentId; Code = e.Code; RegisteredAt = e.RegisteredAt;
                break;
            case ReminderSettingSet e: ReminderWorkingDays = e.WorkingDaysBefore; break;
            case UndeliveredNoticeReminderSet e: UndeliveredNoticeWorkingDays = e.WorkingDays; break;
            case LetterTimeLimitsSet e: LetterLimits = new Letters.LetterTimeLimits(e.AcceptWithin, e.ReplyWithin); break;
            case RetentionSettingSet e: RetentionYears = e.Years; break;
            default: throw new UnhandledEvent(typeof(Agency), @event);
        }
    }
}

public static partial class AgencyRules
{
    /// <summary>The most working days ahead a reminder may come: a month of work.</summary>
    public const int MaxReminderWorkingDays = 20;

    /// <summary>
    /// An agency's registration, decided against the directory as read: its id free, its parent registered, its
    /// tracking-number code its own — a code the caller chose is refused when another agency holds it (tracking numbers
    /// carry the code: two agencies with one code would hand out the same numbers), a defaulted one is the first free
    /// (<see cref="FirstFreeCode"/>). Refuses by throwing <see cref="Refusal"/>; <see cref="Validate"/> has checked the fields.
    /// </summary>
    /// <param name="codes">The codes taken, each with the agency that holds it.</param>
    public static AgencyRegistered Register(string id, string name, string? parentId, string? code, bool idTaken, bool parentRegistered,
        IReadOnlyDictionary<string, string> codes, DateTimeOffset at)
    {
        if (idTaken) throw IdTaken(id);
        if (parentId is not null && !parentRegistered) throw Refusal.Invalid("parentId", $"There is no agency '{parentId}' to be the parent.");
        var chosen = code ?? FirstFreeCode(id, codes.Keys.ToHashSet(StringComparer.Ordinal));
        if (codes.TryGetValue(chosen, out var holder)) throw CodeTaken(chosen, holder);
        return new AgencyRegistered(id, name.Trim(), parentId, chosen, at);
    }

    /// <summary>The refusal of an id another agency has (also when its stream is found at commit: two registrations racing).</summary>
    public static Refusal IdTaken(string id) => Refusal.Conflict($"An agency with id '{id}' already exists.");

    /// <summary>The refusal of a code another agency holds (also when the unique index finds it at commit).</summary>
    public static Refusal CodeTaken(string code, string? holder) =>
        Refusal.Invalid("code", $"The tracking-number code '{code}' is already used by agency '{holder ?? "another agency"}'; give this agency its own code.");

    /// <summary>How many working days before a due date the agency's handlers are reminded: 0 (on the day) to <see cref="MaxReminderWorkingDays"/>.</summary>
    public static ReminderSettingSet SetReminder(string agency, int? workingDaysBefore, DateTimeOffset at) =>
        workingDaysBefore is >= 0 and <= MaxReminderWorkingDays ? new(agency, workingDaysBefore.Value, at)
        : throw Refusal.Invalid("workingDaysBefore", "0 to 20 working days.");

    public const int MaxUndeliveredNoticeWorkingDays = 60;

    /// <summary>After how many working days an answer notice not yet delivered reminds the handlers: 0 (never) to <see cref="MaxUndeliveredNoticeWorkingDays"/>.</summary>
    public static UndeliveredNoticeReminderSet SetUndeliveredNoticeReminder(string agency, int? workingDays, DateTimeOffset at) =>
        workingDays is >= 0 and <= MaxUndeliveredNoticeWorkingDays ? new(agency, workingDays.Value, at)
        : throw Refusal.Invalid("undeliveredNoticeWorkingDays", "0 to 60 working days.");

    /// <summary>How many years a closed case's personal data is kept: <see cref="RetentionPolicy.MinYears"/> to <see cref="RetentionPolicy.MaxYears"/>.</summary>
    public static RetentionSettingSet SetRetention(string agency, int? years, DateTimeOffset at) =>
        years is >= RetentionPolicy.MinYears and <= RetentionPolicy.MaxYears ? new(agency, years.Value, at)
        : throw Refusal.Invalid("years", $"From {RetentionPolicy.MinYears} to {RetentionPolicy.MaxYears}.");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z0-9]{2,12}$")]
    private static partial Regex CodePattern();

    /// <summary>Field errors of a registration; empty when it can be recorded.</summary>
    public static Dictionary<string, string[]> Validate(string? id, string? name, string? code)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(id)) errors["id"] = ["The agency id is required (a slug such as 'sanchang-park')."];
        else if (id.Length > 64 || !SlugPattern().IsMatch(id)) errors["id"] = ["The agency id is a slug: lower-case letters, digits and single hyphens, at most 64 characters (e.g. 'sanchang-park')."];
        if (string.IsNullOrWhiteSpace(name)) errors["name"] = ["The agency's name is required."];
        else if (name.Length > 200) errors["name"] = ["The name is at most 200 characters."];
        if (code is not null && !CodePattern().IsMatch(code)) errors["code"] = ["The code is 2 to 12 upper-case letters or digits (e.g. 'SCP')."];
        return errors;
    }

    /// <summary>
    /// The agency id a route or query value names, the way routing matches it (case-insensitively): ASCII only,
    /// lower-cased, a slug; anything else names no agency (null). Nothing outside ASCII may fold into an id
    /// (the Kelvin sign lower-cases to "k").
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64) return null;
        foreach (var c in value)
            if (c > 127) return null;
        var id = value.ToLowerInvariant();
        return SlugPattern().IsMatch(id) ? id : null;
    }

    /// <summary>The default tracking-number prefix: the initials of the slug's parts, e.g. sanchang-park → SP.</summary>
    public static string DefaultCode(string id)
    {
        var parts = id.Split('-', StringSplitOptions.RemoveEmptyEntries);
        var code = parts.Length > 1 ? string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]))) : id.ToUpperInvariant();
        return code.Length > 12 ? code[..12] : code.Length < 2 ? code.PadRight(2, 'X') : code;
    }

    /// <summary>
    /// The codes an agency registered without one may take, in order of preference: the initials (<see cref="DefaultCode"/>),
    /// then the initials with a distinguishing suffix — a number (BS → BS2, BS3, …) or, after a digit, letters
    /// (HSO2 → HSO2B, HSO2C, …) — cut so that each stays a valid code of at most 12 characters. Endless and free of
    /// repeats for ordinary ids, so a free one is always found: tracking numbers carry the code, two agencies with one
    /// code would hand out the same numbers.
    /// </summary>
    public static IEnumerable<string> DefaultCodes(string id)
    {
        var initials = DefaultCode(id);
        yield return initials;
        var afterDigit = char.IsAsciiDigit(initials[^1]);
        for (var n = 2; ; n++)
        {
            var suffix = afterDigit ? Letters(n) : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (suffix.Length >= 11) yield break; // beyond any number of agencies a system holds
            yield return (initials.Length + suffix.Length > 12 ? initials[..(12 - suffix.Length)] : initials) + suffix;
        }
    }

    /// <summary>The first of <see cref="DefaultCodes"/> that no other agency holds.</summary>
    public static string FirstFreeCode(string id, IReadOnlySet<string> taken) => DefaultCodes(id).First(c => !taken.Contains(c));

    /// <summary>n written in letters as spreadsheet columns are: 1 → A, 2 → B, …, 26 → Z, 27 → AA.</summary>
    private static string Letters(int n)
    {
        var letters = "";
        for (; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
