using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Domain.Notices;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Letters;
using Disclosure.Host.Notices;
using Disclosure.Host.Security;
using Disclosure.Host.StaffConsole.Shared;
using Microsoft.AspNetCore.Authorization;

namespace Disclosure.Host.StaffConsole.Cases;

/// <summary>
/// A step the case page offers: its command (the API's, whose fields make the form), who may record it (a named role set),
/// and how to tell whether the case allows it now. That is asked of the command itself: a sample of it, dated today, is
/// decided on the case as it stands (pure, nothing stored) — a refusal for the case's state means the step is not offered.
/// The rules stay in the Domain; the page only asks them. <see cref="Of"/> reads a step from its command type
/// (<see cref="StepAttribute"/>).
/// </summary>
public sealed record CaseStep<TCase>(
    string Code, string Title, string Roles, Type Command,
    Func<DateOnly, CaseCommand<TCase>> Sample,
    Func<TCase, IEnumerable<StepTarget>>? Targets = null,
    Func<CaseCommand<TCase>, string?, CaseCommand<TCase>>? Complete = null,
    Func<string?, IReadOnlyDictionary<string, string>>? Fixes = null,
    Func<string?, string, bool>? Shows = null)
{
    public IReadOnlyList<FormField> Fields { get; } = CommandForm.Fields(Command);

    /// <summary>Folded under 其他操作 on the case page (<see cref="StepAttribute.Secondary"/>).</summary>
    public bool Secondary { get; init; }

    private static readonly IReadOnlyDictionary<string, string> NothingFixed = new Dictionary<string, string>();

    /// <summary>The values a target fixes (sent unseen with its form; the target's command sets them again).</summary>
    public IReadOnlyDictionary<string, string> FixedFor(string? key) => Fixes?.Invoke(key) ?? NothingFixed;

    /// <summary>The fields a target's form shows: those it does not fix and, when the command says, those that concern it.</summary>
    public IReadOnlyList<FormField> FieldsFor(string? key)
    {
        var fixes = FixedFor(key);
        return fixes.Count == 0 && Shows is null ? Fields : [.. Fields.Where(f => !fixes.ContainsKey(f.Name) && (Shows?.Invoke(key, f.Name) ?? true))];
    }

    public IEnumerable<StepTarget> TargetsOf(TCase current) => Targets?.Invoke(current) ?? [new StepTarget(null, null)];

    /// <summary>The command for a target: its ids set (a consultation, a review; a new one's id made here).</summary>
    public CaseCommand<TCase> For(CaseCommand<TCase> command, string? key) => Complete?.Invoke(command, key) ?? command;

    /// <summary>The step a command type is: its <see cref="StepAttribute"/>, its endpoint's roles, its sample and targets.</summary>
    public static CaseStep<TCase> Of(Type command)
    {
        var step = command.GetCustomAttribute<StepAttribute>()
            ?? throw new InvalidOperationException($"{command.Name} has no [Step]: the console cannot offer it.");
        var sample = command.GetMethod("Sample", BindingFlags.Public | BindingFlags.Static, [typeof(DateOnly)]);
        var targets = command.GetMethod("Targets", BindingFlags.Public | BindingFlags.Static, [typeof(TCase)]);
        var forTarget = command.GetMethod("ForTarget", BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);
        var fixes = command.GetMethod("Fixed", BindingFlags.Public | BindingFlags.Static, [typeof(string)]);
        var shows = command.GetMethod("Shows", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(string)]);
        return new CaseStep<TCase>(step.Code, step.Title, RolesOf(command), command,
            sample is null ? t => (CaseCommand<TCase>)GenericSample(command, t) : t => (CaseCommand<TCase>)sample.Invoke(null, [t])!,
            targets is null ? null : c => (IEnumerable<StepTarget>)targets.Invoke(null, [c])!,
            forTarget is null ? null : (c, key) => (CaseCommand<TCase>)forTarget.Invoke(c, [key])!,
            fixes is null ? null : key => (IReadOnlyDictionary<string, string>)fixes.Invoke(null, [key])!,
            shows is null ? null : (key, field) => (bool)shows.Invoke(null, [key, field])!) { Secondary = step.Secondary };
    }

    /// <summary>Who may record the step: the roles of the endpoint that takes the command (the console grants no more than the API).</summary>
    public static string RolesOf(Type command)
    {
        var roles = command.Assembly.GetTypes().Where(t => t is { IsAbstract: true, IsSealed: true })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.GetParameters().Any(p => p.ParameterType == command))
            .Select(m => m.GetCustomAttribute<AuthorizeAttribute>()?.Roles).Where(r => r is not null).Distinct().ToList();
        return roles.Count == 1 ? roles[0]!
            : throw new InvalidOperationException($"{command.Name}: the console step needs exactly one endpoint with [Authorize(Roles)] taking it; found {roles.Count}.");
    }

    /// <summary>
    /// A sample of the command to decide: today for a date, a vocabulary's first code, a range's minimum, "-" for text and
    /// one line for a list; a field with a default keeps it. Only the case's state must decide whether the step is offered.
    /// </summary>
    private static object GenericSample(Type command, DateOnly today)
    {
        var constructor = command.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var values = constructor.GetParameters().Select(p =>
        {
            if (p.HasDefaultValue) return p.DefaultValue;
            var property = command.GetProperty(p.Name!);
            var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            if (type == typeof(DateOnly)) return today;
            if (type == typeof(string))
                return property?.GetCustomAttribute<CodesAttribute>() is { } codes ? codes.Terms[0].Code : "-";
            if (type == typeof(IReadOnlyList<string>)) return new[] { "-" };
            if (type == typeof(bool)) return false;
            if (type == typeof(int) || type == typeof(decimal))
                return Convert.ChangeType(property?.GetCustomAttribute<RangeAttribute>()?.Minimum ?? 1, type, CultureInfo.InvariantCulture);
            return p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null ? Activator.CreateInstance(p.ParameterType) : null;
        }).ToArray();
        return constructor.Invoke(values);
    }

    public async Task<bool> AllowedNowAsync(TCase current, CaseContext context, string? key, Marten.IQuerySession session, CancellationToken ct)
    {
        try
        {
            // the sample completed as the write path completes the command: the page asks the decision the write path makes
            var sample = await CaseCompletion.CompleteAsync(session, For(Sample(context.Today), key), current, context, ct);
            _ = sample.Decide(current, context).ToList();
            return true;
        }
        catch (Refusal refusal)
        {
            return refusal.Kind == RefusalKind.Invalid; // a sample's value may be wrong; the state is what counts
        }
        catch (Exception e) when (e is Domain.Calendar.CalendarNotAvailable or FormatException)
        {
            return true;
        }
    }
}

/// <summary>
/// The steps of an application and of a letter, in the order a case goes through them: every command of the case type
/// marked <see cref="StepAttribute"/>, read from the command types (a new step is its command file, nothing here).
/// </summary>
public static class CaseSteps
{
    public static readonly IReadOnlyList<CaseStep<Application>> Application = Of<Application>();

    public static readonly IReadOnlyList<CaseStep<Letter>> Letter = Of<Letter>();

    public static readonly IReadOnlyList<CaseStep<Domain.Reviews.ReviewCase>> Review = Of<Domain.Reviews.ReviewCase>();

    /// <summary>The concrete commands of a case type (the console's steps and the system's rules).</summary>
    public static IEnumerable<Type> Commands<TCase>() => typeof(CaseSteps).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(CaseCommand<TCase>).IsAssignableFrom(t));

    private static List<CaseStep<TCase>> Of<TCase>() =>
        [.. Commands<TCase>().Where(t => t.GetCustomAttribute<StepAttribute>() is not null)
            .OrderBy(t => t.GetCustomAttribute<StepAttribute>()!.Order).Select(CaseStep<TCase>.Of)];
}
