using Disclosure.Domain.Agencies;

namespace Disclosure.Domain.Tests.Agencies;

/// <summary>An agency's registration and settings are decided here, not by the endpoint: every door refuses alike.</summary>
public class AgencySettingSpecs
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Dictionary<string, string> Codes = new() { ["SP"] = "sanchang-park", ["BS"] = "bench-seed" };

    [Fact]
    public void A_registration_takes_the_first_free_default_code()
    {
        var registered = AgencyRules.Register("shanghai-park", " 上海园区 ", null, null, idTaken: false, parentRegistered: false, Codes, At);
        Assert.Equal(new AgencyRegistered("shanghai-park", "上海园区", null, "SP2", At), registered);
    }

    [Fact]
    public void A_registration_is_refused_a_taken_id_an_unknown_parent_or_a_code_another_agency_holds()
    {
        var taken = Assert.Throws<Refusal>(() => AgencyRules.Register("sanchang-park", "三厂园区", null, null, true, false, Codes, At));
        Assert.Equal((RefusalKind.Conflict, "An agency with id '{0}' already exists."), (taken.Kind, taken.Text.Key));
        var orphan = Assert.Throws<Refusal>(() => AgencyRules.Register("new-park", "新园区", "nowhere", null, false, false, Codes, At));
        Assert.Equal((RefusalKind.Invalid, "parentId"), (orphan.Kind, orphan.Field));
        var code = Assert.Throws<Refusal>(() => AgencyRules.Register("new-park", "新园区", "sanchang-park", "BS", false, true, Codes, At));
        Assert.Equal(("code", "The tracking-number code 'BS' is already used by agency 'bench-seed'; give this agency its own code."), (code.Field, code.Message));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(-1)]
    [InlineData(21)]
    public void A_reminder_comes_0_to_20_working_days_ahead(int? days)
    {
        var refused = Assert.Throws<Refusal>(() => AgencyRules.SetReminder("sanchang-park", days, At));
        Assert.Equal(("workingDaysBefore", "0 to 20 working days."), (refused.Field, refused.Message));
        Assert.Equal(new ReminderSettingSet("sanchang-park", 20, At), AgencyRules.SetReminder("sanchang-park", 20, At));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(RetentionPolicy.MinYears - 1)]
    [InlineData(RetentionPolicy.MaxYears + 1)]
    public void Personal_data_is_kept_for_the_years_the_policy_allows(int? years)
    {
        var refused = Assert.Throws<Refusal>(() => AgencyRules.SetRetention("sanchang-park", years, At));
        Assert.Equal(("years", $"From {RetentionPolicy.MinYears} to {RetentionPolicy.MaxYears}."), (refused.Field, refused.Message));
        Assert.Equal(new RetentionSettingSet("sanchang-park", 30, At), AgencyRules.SetRetention("sanchang-park", 30, At));
    }
}
