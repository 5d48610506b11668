using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Disclosure.Domain;
using Disclosure.Host.Applications;
using Disclosure.Host.Cases;
using Disclosure.Host.Letters;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// What makes the OpenAPI document usable by a client generator (Kiota is run against it in ops/test): typed success and
/// problem responses on every operation, the Bearer scheme, the vocabulary's codes as enums with their Chinese labels,
/// <c>required</c> meaning what <c>[Required]</c> and the property's nullability say (never every constructor parameter).
/// </summary>
public static class OpenApiConventions
{
    public const string Bearer = "Bearer";

    public static void Configure(OpenApiOptions o)
    {
        o.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = "Disclosure API";
            // the host that serves the document; generated offline (ops/test), the default local address of ops/run
            var request = context.ApplicationServices.GetService<IHttpContextAccessor>()?.HttpContext?.Request;
            document.Servers = [new OpenApiServer { Url = request is null ? "http://127.0.0.1:5000" : $"{request.Scheme}://{request.Host}" }];
            document.Info.Description = "政府信息公开申请与市长信箱办理系统 · Government information disclosure applications and mayor's mailbox letters.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A token with the `role` and `agency` claims (see the `token` command).",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
            // Wolverine describes an operation by its route; the summary says what it does
            if (operation.Description?.Contains('_') == true && !operation.Description.Contains(' ')) operation.Description = null;
            // an endpoint answering with IResult gets an untyped 200 besides its declared success: keep the declared one
            if (operation.Responses is { } responses && responses.TryGetValue("200", out var ok) && Untyped(ok)
                && responses.Keys.Any(k => k.StartsWith('2') && k != "200"))
                responses.Remove("200");
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(CodesAttribute), true).FirstOrDefault() is CodesAttribute codes)
            {
                var terms = codes.Terms;
                schema.Enum = terms.Select(t => (JsonNode)JsonValue.Create(t.Code)!).ToList();
                schema.Description = string.Join("; ", terms.Select(t => $"{t.Code} = {t.Label}"));
                schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                schema.Extensions["x-ms-enum"] = new JsonNodeExtension(new JsonObject
                {
                    ["name"] = codes.Vocabulary.Name,
                    ["modelAsString"] = false,
                    ["values"] = new JsonArray(terms.Select(t => (JsonNode)new JsonObject { ["value"] = t.Code, ["description"] = t.Label }).ToArray()),
                });
            }
            // A record's constructor parameters are not all required: [Required] says which are. Every object schema of ours,
            // also one met first as a property of another (ApplicantInput inside ReceiveApplication, AnswerNoticeInput inside
            // RecordDecision), where the transformer's context names that property as well as the object's type.
            if (context.JsonTypeInfo.Type.Namespace?.StartsWith("Disclosure", StringComparison.Ordinal) == true
                && context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
                schema.Required = RequiredProperties(context.JsonTypeInfo, schema);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// The properties that must be present: those marked <c>[Required]</c>, and those that cannot be null (a value type, or a
    /// reference type not annotated nullable) and have no default. A nullable property (<c>string?</c>, <c>int?</c>), or one
    /// whose constructor parameter has a default, is optional.
    /// </summary>
    private static HashSet<string> RequiredProperties(System.Text.Json.Serialization.Metadata.JsonTypeInfo type, IOpenApiSchema schema) =>
        type.Properties
            .Where(p => schema.Properties?.ContainsKey(p.Name) == true
                && p.AttributeProvider?.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), true).Length is null or 0
                && (p.AttributeProvider?.GetCustomAttributes(typeof(RequiredAttribute), true).Length > 0
                    || (!IsNullable(p) && p.AssociatedParameter is not { HasDefaultValue: true })))
            .Select(p => p.Name).ToHashSet();

    private static bool Untyped(IOpenApiResponse response) =>
        response.Content is null || response.Content.Count == 0
        || response.Content.Values.All(c => c.Schema is OpenApiSchemaReference r && r.Reference.Id == "IResult");

    /// <summary>A property that may be null: a nullable value type, or a reference type annotated as nullable (<c>string?</c>).</summary>
    private static bool IsNullable(System.Text.Json.Serialization.Metadata.JsonPropertyInfo p) =>
        p.PropertyType.IsValueType ? Nullable.GetUnderlyingType(p.PropertyType) is not null : p.IsGetNullable || p.IsSetNullable;
}

/// <summary>
/// The responses of every endpoint, in one place: a step on a case answers the case's view; every endpoint may answer the
/// problems the contract names (400 bad input, 401/403 access, 404 unknown agency or case, 409 conflict).
/// </summary>
public sealed class ApiResponsesPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var declared = chain.Method.Method.GetCustomAttributes<ProducesResponseTypeAttribute>().Any(a => a.StatusCode is >= 200 and < 300);
            if (!declared && chain.RequestType is { } request)
            {
                if (typeof(ApplicationCommand).IsAssignableFrom(request)) chain.Metadata.Produces<ApplicationView>(200);
                else if (typeof(LetterCommand).IsAssignableFrom(request)) chain.Metadata.Produces<LetterView>(200);
            }
            var route = chain.RoutePattern?.RawText ?? "";
            chain.Metadata.ProducesValidationProblem();
            if (route.Contains('{')) chain.Metadata.ProducesProblem(StatusCodes.Status404NotFound);
            if (chain.HttpMethods.Any(m => m is "POST" or "PUT")) chain.Metadata.ProducesProblem(StatusCodes.Status409Conflict);
            if (chain.Method.Method.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            {
                chain.Metadata.ProducesProblem(StatusCodes.Status401Unauthorized);
                chain.Metadata.ProducesProblem(StatusCodes.Status403Forbidden);
            }
        }
    }
}
