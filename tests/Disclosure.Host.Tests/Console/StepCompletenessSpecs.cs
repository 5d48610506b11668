using System.Reflection;
using Disclosure.Domain;
using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.StaffConsole.Cases;
using Disclosure.Host.StaffConsole.Shared;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// A step is one folder's work: the event carries its history label, the command its console step (or the reason it has
/// none), and the form's fields their Chinese labels. Read by reflection over the assemblies, so a new event or command
/// that lacks one fails here rather than showing a raw name (or no form) in the console.
/// </summary>
public class StepCompletenessSpecs
{
    private static IEnumerable<Type> CaseEvents() => StoredNameAttribute.All.Values
        .Where(t => typeof(IApplicationEvent).IsAssignableFrom(t) || typeof(ILetterEvent).IsAssignableFrom(t));

    [Fact]
    public void Every_event_of_a_case_has_its_history_label()
    {
        var missing = CaseEvents().Where(t => t.GetCustomAttribute<LabelAttribute>() is null).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, $"Events without [Label] (their history entry): {string.Join(", ", missing)}");
        foreach (var type in CaseEvents())
            Assert.Equal(type.GetCustomAttribute<LabelAttribute>()!.Text, CaseHistory.EventLabels[StoredNameAttribute.Of(type)]);
    }

    public static TheoryData<string> Commands() =>
        [.. CaseSteps.Commands<Application>().Concat(CaseSteps.Commands<Letter>()).Concat(CaseSteps.Commands<Disclosure.Domain.Reviews.ReviewCase>()).Select(t => t.FullName!)];

    [Theory, MemberData(nameof(Commands))]
    public void Every_command_of_a_case_is_a_console_step_or_says_why_not(string name)
    {
        var type = typeof(CaseSteps).Assembly.GetType(name)!;
        var step = type.GetCustomAttribute<StepAttribute>();
        var none = type.GetCustomAttribute<NoStepAttribute>();
        Assert.True(step is null != (none is null), $"{type.Name} needs exactly one of [Step] (its console form) or [NoStep(reason)].");
        if (none is not null) Assert.False(string.IsNullOrWhiteSpace(none.Reason));
    }

    [Fact]
    public void Every_step_has_its_form_its_roles_and_a_sample()
    {
        var today = new DateOnly(2026, 3, 2);
        foreach (var step in CaseSteps.Application.Cast<object>().Concat(CaseSteps.Letter).Concat(CaseSteps.Review))
        {
            var (code, title, roles, command, fields, sample) = step switch
            {
                CaseStep<Application> a => (a.Code, a.Title, a.Roles, a.Command, a.Fields, (object)a.Sample(today)),
                CaseStep<Letter> l => (l.Code, l.Title, l.Roles, l.Command, l.Fields, l.Sample(today)),
                CaseStep<Disclosure.Domain.Reviews.ReviewCase> r => (r.Code, r.Title, r.Roles, r.Command, r.Fields, r.Sample(today)),
                _ => throw new InvalidOperationException(),
            };
            Assert.False(string.IsNullOrWhiteSpace(title), code);
            Assert.False(string.IsNullOrWhiteSpace(roles), code);
            // every label found (FieldLabels.Of throws on a missing one); a step may take no input of its own (确认收到网上申请:
            // the confirmation is the click, dated and timed by the write path)
            if (command.GetProperties().Any(p => p.DeclaringType == command)) Assert.NotEmpty(fields);
            Assert.All(fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Label), $"{code}: {f.Name}"));
            Assert.IsType(command, sample);
        }
        Assert.Equal(CaseSteps.Application.Count, CaseSteps.Application.Select(s => s.Code).Distinct().Count());
        Assert.Equal(CaseSteps.Letter.Count, CaseSteps.Letter.Select(s => s.Code).Distinct().Count());
    }

    [Fact]
    public void The_steps_keep_the_order_a_case_goes_through_them()
    {
        Assert.Equal(["confirm", "return-submission", "assignment", "correction-request", "correction", "correction-lapse", "consultation", "consultation-reply", "extension",
            "fee-notice", "fee-payment", "fee-lapse", "withdrawal", "decision", "relation", "decision-correction", "notice", "delivery",
            "delivery-failure", "returned-mail", "review", "review-conclusion", "letter"], CaseSteps.Application.Select(s => s.Code));
        Assert.Equal(["petition", "acceptance", "rejection", "assignment", "return", "extension", "supervision", "reply", "feedback",
            "petition-review", "petition-review-answer", "closure", "reclassification"], CaseSteps.Letter.Select(s => s.Code));
        Assert.Equal(["review-reply", "review-decision"], CaseSteps.Review.Select(s => s.Code));
        // the roles are the endpoint's: the letter desk accepts and rejects, handlers do the rest
        Assert.All(CaseSteps.Letter.Where(s => s.Code is "petition" or "acceptance" or "rejection"), s => Assert.Equal(Disclosure.Host.Security.Roles.LetterDesk, s.Roles));
        // an online submission is confirmed, or returned, by the intake desk (条例第三十一条); handlers do the rest
        Assert.All(CaseSteps.Application, s => Assert.Equal(s.Code is "confirm" or "return-submission"
            ? Disclosure.Host.Security.Roles.Registering : Disclosure.Host.Security.Roles.Handling, s.Roles));
    }

    [Fact]
    public void A_field_label_on_the_command_comes_before_the_shared_one()
    {
        var field = Assert.Single(CommandForm.Fields(typeof(Labelled)));
        Assert.Equal("专门的标签", field.Label);
    }

    private sealed record Labelled([property: Label("专门的标签")] string? On);
}
