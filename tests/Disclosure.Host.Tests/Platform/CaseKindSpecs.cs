using Disclosure.Domain.Applications;
using Disclosure.Domain.Letters;
using Disclosure.Host.Cases;
using Disclosure.Host.Deadlines;

namespace Disclosure.Host.Tests.Platform;

/// <summary>The generic pieces over the kinds of case, without a database.</summary>
public class CaseKindSpecs
{
    private static readonly DateOnly Today = new(2025, 6, 10);

    [Fact]
    public void The_overdue_filter_is_one_well_formed_condition_on_the_case_for_every_kind()
    {
        // compiled as any LINQ provider that checks parameter scope would: one parameter, declared and used
        var overdue = CaseKind.Of<Application>().OverdueOn(Today).Compile();
        var notOverdue = CaseKind.Of<Application>().OverdueOn(Today, overdue: false).Compile();
        Assert.NotNull(CaseKind.Of<Letter>().OverdueOn(Today).Compile());
        var late = Application.From([]);
        Assert.False(overdue(late)); // nothing received: not running, not overdue
        Assert.True(notOverdue(late));
    }

    [Fact]
    public void A_generic_system_command_names_its_kind_of_case_in_the_logs()
    {
        Assert.Equal("ApplyDeadlines<Letter>", new ApplyDeadlines<Letter>().ToString());
        Assert.Equal("ApplyDeadlines<Application>", new ApplyDeadlines<Application>().ToString());
    }
}
