using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace Disclosure.Host.Tests.Platform;

/// <summary>
/// The OpenAPI document says what a client must send: a field is <c>required</c> when <c>[Required]</c> says so or it cannot
/// be null, never because it happens to be a record's constructor parameter. A generated client (Kiota, ops/api-client)
/// would otherwise make an integrator send an applicant's ID number, phone, e-mail and address, or all six fields of an
/// answer notice.
/// </summary>
public class OpenApiSpecs(AppFixture fixture) : HostScenario(fixture)
{
    private async Task<JsonElement> Schemas() =>
        (await Send(HttpMethod.Get, "/openapi/v1.json", null, null)).ShouldBe(200).Json.GetProperty("components").GetProperty("schemas");

    private static HashSet<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];

    private static bool MayBeNull(JsonElement property) =>
        (property.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null"))
        || new[] { "oneOf", "anyOf" }.Any(k => property.TryGetProperty(k, out var options)
            && options.EnumerateArray().Any(o => o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));

    [Fact]
    public async Task The_optional_fields_of_an_answer_notice_are_not_required()
    {
        var notice = (await Schemas()).GetProperty("AnswerNoticeInput");
        Assert.Equal(["basis", "decision", "findings", "provision", "reasons", "variant"], notice.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Empty(Required(notice));
    }

    [Fact]
    public async Task An_applicant_needs_only_a_category_and_a_name()
    {
        var schemas = await Schemas();
        Assert.Equal(["category", "name"], Required(schemas.GetProperty("ApplicantInput")).Order());
        Assert.Equal(["category", "name"], Required(schemas.GetProperty("Applicant")).Order());
        Assert.Equal(["applicant", "channel", "description", "receivedOn"], Required(schemas.GetProperty("ReceiveApplication")).Order());
    }

    /// <summary>Every schema of the product's types, whether met as a request body or as a property of another.</summary>
    [Fact]
    public async Task Every_schema_requires_what_its_type_requires_and_nothing_that_may_be_null()
    {
        var types = new[] { typeof(Disclosure.Host.Agencies.RegisterAgency).Assembly, typeof(Domain.Agencies.Agency).Assembly }
            .SelectMany(a => a.GetTypes()).Where(t => t.IsPublic && !t.IsGenericType)
            .GroupBy(t => t.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        var wrong = new List<string>();
        var checkedSchemas = 0;
        foreach (var schema in (await Schemas()).EnumerateObject())
        {
            if (!types.TryGetValue(schema.Name, out var type) || !schema.Value.TryGetProperty("properties", out var properties)) continue;
            checkedSchemas++;
            var required = Required(schema.Value);
            foreach (var property in properties.EnumerateObject())
            {
                var member = type.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                var markedRequired = member?.GetCustomAttribute<RequiredAttribute>() is not null;
                if (required.Contains(property.Name) && MayBeNull(property.Value) && !markedRequired)
                    wrong.Add($"{schema.Name}.{property.Name} may be null and is not [Required], yet listed as required");
                if (!required.Contains(property.Name) && markedRequired)
                    wrong.Add($"{schema.Name}.{property.Name} is [Required] but not listed as required");
            }
        }
        Assert.True(checkedSchemas > 50, $"only {checkedSchemas} schemas matched a type of the product");
        Assert.Empty(wrong);
    }
}
