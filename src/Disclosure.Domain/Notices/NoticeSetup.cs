using Disclosure.Domain.Fees;

namespace Disclosure.Domain.Notices;

// What an agency sets for its written notices and its fee, as events on the agency's own stream: every version of a
// template stays in the history (条例第四十五条 keeps the documents; the template a document came from stays findable).

/// <summary>An event of an agency's notice setup (its notice settings, fee policy and templates).</summary>
public interface INoticeSetupEvent
{
    string AgencyId { get; }
}

/// <summary>The agency set what it prints on every notice: its name, the 复议机关, the 文号 patterns and contact lines.</summary>
[StoredName(EventNames.NoticeSettingsSet)]
public sealed record NoticeSettingsSet(string AgencyId, NoticeSettings Settings, DateTimeOffset SetAt) : INoticeSetupEvent;

/// <summary>The agency chose whether and how it charges the 信息处理费 (条例第四十二条; 国办函〔2020〕109号).</summary>
[StoredName(EventNames.FeePolicySet)]
public sealed record FeePolicySet(string AgencyId, FeePolicy Policy, DateTimeOffset SetAt) : INoticeSetupEvent;

/// <summary>The agency's own template for a kind ("answer" for every answer), accepted after validation.</summary>
[StoredName(EventNames.NoticeTemplateSet)]
public sealed record NoticeTemplateSet(string AgencyId, string Key, string Version, string Source, DateTimeOffset SetAt) : INoticeSetupEvent;

/// <summary>The agency went back to the shipped template of a kind.</summary>
[StoredName(EventNames.NoticeTemplateReset)]
public sealed record NoticeTemplateReset(string AgencyId, string Key, DateTimeOffset SetAt) : INoticeSetupEvent;

/// <summary>One version of an agency's template as the history lists it (the source is in the event and by version).</summary>
public sealed record TemplateVersion(string Key, string? Version, DateTimeOffset SetAt, string? SetBy);

/// <summary>
/// An agency's notice setup as a decision sees it. <see cref="Settings"/> is null until the agency sets them: until then
/// steps are recorded without a written notice (an agency that never printed from this system is not refused its steps),
/// and a notice asked for explicitly is refused with the reason. The fee policy is null until set: see
/// <see cref="Fees.FeeCalculator"/> for how a fee notice is computed under one.
/// </summary>
public sealed class NoticeSetup
{
    public static NoticeSetup None => new();

    /// <summary>The agency id.</summary>
    public string Id { get; set; } = "";
    public NoticeSettings? Settings { get; set; }
    public FeePolicy? FeePolicy { get; set; }
    /// <summary>Template key → version of the agency's own template; a key not listed uses the shipped default.</summary>
    public Dictionary<string, string> Templates { get; set; } = [];
    public List<TemplateVersion> History { get; set; } = [];

    public bool IssuesNotices => Settings is not null;

    /// <summary>The settings, or a refusal saying they must be set first.</summary>
    public NoticeSettings RequireSettings() => Settings ?? throw Refusal.Conflict(
        "This agency has not set its notice settings (agency name, 复议机关, 文号 patterns): PUT …/settings/notices first.");

    /// <summary>The key of the agency template serving a kind (its own, else for an answer the one of all answers), or null for the default.</summary>
    public string? TemplateKeyFor(string kind)
    {
        if (Templates.ContainsKey(kind)) return kind;
        return NoticeKinds.Require("kind", kind).IsAnswer && Templates.ContainsKey(NoticeKinds.AnswerTemplate) ? NoticeKinds.AnswerTemplate : null;
    }

    public void Fold(INoticeSetupEvent @event, string? by = null)
    {
        Id = @event.AgencyId;
        switch (@event)
        {
            case NoticeSettingsSet e: Settings = e.Settings; break;
            case FeePolicySet e: FeePolicy = e.Policy; break;
            case NoticeTemplateSet e:
                Templates[e.Key] = e.Version;
                History.Add(new(e.Key, e.Version, e.SetAt, by));
                break;
            case NoticeTemplateReset e:
                Templates.Remove(e.Key);
                History.Add(new(e.Key, null, e.SetAt, by));
                break;
            default: throw new UnhandledEvent(typeof(NoticeSetup), @event);
        }
    }
}
