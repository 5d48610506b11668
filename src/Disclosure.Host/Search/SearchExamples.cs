using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Disclosure.Host.Search;

/// <summary>Examples in the OpenAPI document for search and repeats: what a clerk types, and what comes back.</summary>
public static class SearchExamples
{
    private const string Explanation = "与 SP-2024-00017 为同一申请人（证件号码一致），申请内容相似度 0.86，共同内容：“幸福路拓宽改造工程”、“拆迁补偿协议”；该申请已答复，可能属于重复申请（条例第三十六条第（六）项）";

    private static readonly JsonNode Suggestion = Json($$"""
        { "caseId": "0195a6a0-0000-7000-8000-0000000000e1", "trackingNumber": "SP-2024-00017", "kind": "same_request", "kindLabel": "申请内容相同或相似",
          "applicantMatch": "id_number", "score": 0.86, "sharedPhrases": ["幸福路拓宽改造工程", "拆迁补偿协议"], "receivedOn": "2024-11-04",
          "answered": true, "explanation": "{{Explanation}}" }
        """);

    private static JsonNode Repeats() => new JsonObject
    {
        ["windowMonths"] = 24, ["sameApplicantInWindow"] = 2, ["summary"] = "近24个月内同一申请人另提出申请 2 件",
        ["suggestions"] = new JsonArray(Suggestion.DeepClone()), ["sameApplicantCapped"] = false,
    };

    public static void Configure(OpenApiOptions o) => o.AddOperationTransformer((operation, context, _) =>
    {
        switch (operation.OperationId)
        {
            case "searchCases":
                Parameter(operation, "q", "征收补偿", ("two_characters", "合同", "两个字也能检索"), ("name_and_phrase", "张 拆迁补偿", "申请人姓名加申请内容"),
                    ("tracking_number", "SP-2025-00017", "按受理编号"), ("standard", "GB/T 50016", "拉丁字母与数字按整词匹配"));
                Parameter(operation, "kind", "application");
                Parameter(operation, "year", 2025);
                Response(operation, "200", Json("""
                    { "items": [ { "id": "0195a6a0-0000-7000-8000-000000000042", "kind": "application", "trackingNumber": "SP-2025-00042",
                        "status": "received", "statusLabel": "办理中", "receivedOn": "2025-03-03", "channel": "online",
                        "applicantCategory": "natural_person", "outcome": null, "department": null, "applicantName": "张三", "title": null,
                        "highlights": [ { "field": "description", "text": "申请公开幸福路拓宽改造工程的征收补偿协议及补偿款发放明细",
                          "marks": [ { "start": 12, "length": 4, "end": 16 } ], "cutBefore": false, "cutAfter": false,
                          "html": "申请公开幸福路拓宽改造工程的<mark>征收补偿</mark>协议及补偿款发放明细" } ],
                        "url": "/api/agencies/sanchang-park/applications/0195a6a0-0000-7000-8000-000000000042" } ],
                      "page": 1, "pageSize": 20, "total": 1, "totalCapped": false }
                    """));
                break;
            case "getApplicationRepeats":
                Response(operation, "200", new JsonObject
                {
                    ["id"] = "0195a6a0-0000-7000-8000-000000000042", ["trackingNumber"] = "SP-2025-00042", ["repeats"] = Repeats(),
                    ["relations"] = new JsonArray(),
                    ["counts"] = new JsonArray(Json("""
                        { "basis": "id_number", "basisLabel": "证件号码一致", "month": "2025-03", "inMonth": 2, "year": 2025, "inYear": 3,
                          "text": "同一申请人（证件号码一致）：2025年3月申请 2 件，2025年申请 3 件" }
                        """)),
                });
                break;
            case "relateApplication":
                RequestBody(operation, Json("""{ "relatedTo": "SP-2024-00017", "kind": "same_request" }"""));
                break;
            case "recordDecision":
                RequestBody(operation, Json("""{ "decidedOn": "2025-03-10", "outcome": "not_processed_duplicate", "relatedTo": "SP-2024-00017" }"""));
                break;
            case "receiveApplication":
                Response(operation, "201", new JsonObject
                {
                    ["id"] = "0195a6a0-0000-7000-8000-000000000042", ["trackingNumber"] = "SP-2025-00042", ["receivedOn"] = "2025-03-03",
                    ["dueOn"] = "2025-03-31", ["status"] = "received", ["queryCode"] = "4EZ8BYYJ", ["repeats"] = Repeats(),
                });
                break;
        }
        return Task.CompletedTask;
    });

    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    private static void Parameter(OpenApiOperation operation, string name, JsonNode example, params (string Key, string Value, string Summary)[] more)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name) is not { } parameter) return;
        parameter.Example = example;
        if (more.Length == 0) return;
        parameter.Examples = more.ToDictionary(m => m.Key, m => (IOpenApiExample)new OpenApiExample { Summary = m.Summary, Value = JsonValue.Create(m.Value) });
        parameter.Example = null; // example and examples are exclusive
    }

    private static void Response(OpenApiOperation operation, string status, JsonNode example)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType m)
            m.Example = example;
    }

    private static void RequestBody(OpenApiOperation operation, JsonNode example)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType m) m.Example = example;
    }
}
