using Disclosure.Host.Security;

namespace Disclosure.Host.Tests.Agencies;

public class AgencySpecs(AppFixture fixture) : HostScenario(fixture)
{
    [Fact]
    public async Task An_admin_registers_an_agency_and_it_is_listed()
    {
        var created = (await Post("/api/agencies", new { id = "sanchang-park", name = "海门市三厂工业园区管委会" })).ShouldBe(201);
        Assert.Equal("/api/agencies/sanchang-park", created.Location);
        Assert.Equal("SP", created.Str("code"));

        var list = (await Get("/api/agencies")).ShouldBe(200);
        var agency = Assert.Single(list.Json.EnumerateArray());
        Assert.Equal("海门市三厂工业园区管委会", agency.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_registration_is_an_event_in_Marten()
    {
        await CreateAgency("haimen");
        Assert.Equal(1, await EventCount());
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_and_writes_nothing()
    {
        var reply = (await Post("/api/agencies", new { id = "Not A Slug!", name = "" })).ShouldBe(400);
        var errors = reply.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("id", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        (await Post("/api/agencies", new { id = "x-y", name = "n", code = "lower" })).ShouldBe(400);
        (await Post("/api/agencies", new { id = "child", name = "n", parentId = "nobody" })).ShouldBe(400);
        Assert.Equal(0, await EventCount());
    }

    [Fact]
    public async Task A_duplicate_id_is_409_and_writes_nothing()
    {
        await CreateAgency("haimen");
        (await Post("/api/agencies", new { id = "haimen", name = "again" })).ShouldBe(409);
        Assert.Equal(1, await EventCount());
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_id_yield_one_agency()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Post("/api/agencies", new { id = "race", name = "n" + i })));
        Assert.Equal(1, replies.Count(r => r.Status == 201));
        Assert.All(replies.Where(r => r.Status != 201), r => Assert.Equal(409, r.Status));
        Assert.Equal(1, await EventCount());
    }

    [Fact]
    public async Task Only_admins_register_and_others_see_only_their_agencies()
    {
        await CreateAgency("haimen");
        await CreateAgency("sanchang-park", parentId: "haimen");
        (await Post("/api/agencies", new { id = "x", name = "x" }, Token(Roles.Supervisor, "haimen"))).ShouldBe(403);
        var mine = (await Get("/api/agencies", Token(Roles.Intake, "sanchang-park"))).ShouldBe(200);
        Assert.Equal("sanchang-park", Assert.Single(mine.Json.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("haimen", Assert.Single(mine.Json.EnumerateArray()).GetProperty("parentId").GetString());
    }

    [Fact]
    public async Task Routes_of_an_unknown_agency_are_404_and_of_another_agency_403()
    {
        await CreateAgency("haimen");
        await CreateAgency("sanchang-park");
        (await Get("/api/agencies/nowhere/applications")).ShouldBe(404);
        (await Get("/api/agencies/haimen/applications", Token(Roles.Handler, "sanchang-park"))).ShouldBe(403);
        (await Get("/api/agencies/sanchang-park/applications", Token(Roles.Handler, "sanchang-park"))).ShouldBe(200);
    }
}
