namespace Disclosure.Host.Tests.Applications;

/// <summary>Helpers shared by the application scenarios: an agency and a way to log a case.</summary>
public abstract class ApplicationScenario(AppFixture fixture) : HostScenario(fixture)
{
    protected const string Agency = "sanchang-park";
    protected const string Base = "/api/agencies/sanchang-park/applications";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAgency(Agency);
    }

    protected static object Intake(string receivedOn = "2025-03-03", string category = "natural_person", string channel = "online") => new
    {
        channel,
        applicant = new { category, name = "张三", idNumber = "110101199003071234", phone = "13812345678", email = "zhang@example.cn" },
        description = "2024年园区建设工程规划许可证发放情况",
        receivedOn,
    };

    protected async Task<Guid> Receive(string receivedOn = "2025-03-03", string category = "natural_person", string? token = null)
    {
        var reply = (await Post(Base, Intake(receivedOn, category), token)).ShouldBe(201);
        return Guid.Parse(reply.Str("id"));
    }

    protected Task<Reply> Step(Guid id, string step, object body, string? token = null) => Post($"{Base}/{id}/{step}", body, token);
}
