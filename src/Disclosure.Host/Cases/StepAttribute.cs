namespace Disclosure.Host.Cases;

/// <summary>
/// The console step a command of a case is: its code (in the page's address), its Chinese title, and its place in the
/// order a case goes through its steps. Everything else the case page needs comes from the command itself
/// (<see cref="StaffConsole.Cases.CaseStep{TCase}"/>): the form from its fields, who may record it from its endpoint's
/// <c>[Authorize(Roles)]</c>, and whether the case allows it now from deciding a sample of it. The sample is built from
/// the fields (today for a date, a vocabulary's first code, a range's minimum, "-" for text, an optional field left out),
/// unless the command declares <c>public static TCommand Sample(DateOnly today)</c>. A step on one of several parts of a
/// case (a consultation, a notice, a review) declares <c>public static IEnumerable&lt;StepTarget&gt; Targets(TCase current)</c>,
/// and a step that names or creates a part an instance <c>public TCommand ForTarget(string? key)</c>.
/// A target may fix some fields (<c>public static IReadOnlyDictionary&lt;string, string&gt; Fixed(string? key)</c>, JSON name →
/// value, sent unseen) and show only the fields that concern it (<c>public static bool Shows(string? key, string field)</c>).
/// A command that is no console step (a rule the system applies) says so with <see cref="NoStepAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StepAttribute(string code, string title, int order) : Attribute
{
    public string Code { get; } = code;
    public string Title { get; } = title;
    public int Order { get; } = order;
    /// <summary>
    /// A step off the case's main road (a notice issued again, a failed delivery, returned mail, a review, a correction of
    /// the answer): the case page folds these under one 其他操作 so the next step of the procedure is the one seen.
    /// </summary>
    public bool Secondary { get; set; }
}

/// <summary>A command of a case that the console does not offer as a step, with the reason (a completeness test asks every command for one or the other).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NoStepAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

/// <summary>A step on a case that one of its forms records; a consultation or review it concerns, when there can be several.</summary>
public sealed record StepTarget(string? Key, string? Caption)
{
    /// <summary>A notice already issued, chosen by its 文号.</summary>
    public static StepTarget Of(Domain.Applications.IssuedNotice notice) =>
        new(notice.Number, $"{Domain.Vocabulary.Find(Domain.Notices.NoticeKinds.All, notice.Kind)?.Label ?? notice.Kind} {notice.Number}");
}
