using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Disclosure.Domain.Applications;
using Fluid;

namespace Disclosure.Domain.Notices;

/// <summary>A parsed notice template: the default one of a kind or an administrator's, with the version recorded on issue.</summary>
public sealed class NoticeTemplate
{
    internal NoticeTemplate(string key, string source, IFluidTemplate parsed)
    {
        Key = key; Source = source; Parsed = parsed;
        Version = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
    }

    /// <summary>The kind it serves, or "answer" for a template serving every answer kind.</summary>
    public string Key { get; }
    public string Source { get; }
    /// <summary>Derived from the source: the same text is the same version, wherever it is stored.</summary>
    public string Version { get; }
    internal IFluidTemplate Parsed { get; }

    public bool Serves(string kind) => Key == kind || (Key == NoticeKinds.AnswerTemplate && NoticeKinds.Require("kind", kind).IsAnswer);
}

/// <summary>The text issued: the complete HTML document and the event that records it.</summary>
public sealed record IssuedNotice(string Html, NoticeIssued Event);

/// <summary>
/// Notice templates in Liquid (Fluid). Fluid rather than Scriban: Liquid is the template language administrators are
/// likeliest to know already, and Fluid is sandboxed by default — a template reads only the names handed to it
/// (<see cref="NoticeValues"/>, plain dictionaries, lists and strings; no .NET type is registered for member access), has
/// no file access, and is stopped after a bounded number of steps; <see cref="TemplateSafety"/> bounds memory and output.
/// A template renders the body of the document; <see cref="Render"/> wraps it in the A4 page (page.liquid).
/// </summary>
public static class NoticeTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly TemplateOptions Options = CreateOptions();

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            StrictVariables = true, // a misspelt name fails validation instead of printing nothing
            StrictFilters = true,
            MaxSteps = 200_000,
            MaxRecursion = 20,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", Beijing, "China Standard Time", "China Standard Time"),
        MemberAccessStrategy = new DefaultMemberAccessStrategy(), // nothing registered: no .NET member is readable
        };
        TemplateSafety.BoundFilters(options);
        return options;
    }

    private static readonly ConcurrentDictionary<string, NoticeTemplate> Defaults = new();
    private static readonly Lazy<NoticeTemplate> Page = new(() => Load("page"));

    /// <summary>The template shipped for a kind (all answer kinds share the "answer" template).</summary>
    public static NoticeTemplate Default(string kind)
    {
        var key = kind == NoticeKinds.AnswerTemplate ? kind : NoticeKinds.Require("kind", kind).Template;
        return Defaults.GetOrAdd(key, Load);
    }

    /// <summary>
    /// An administrator's template for a kind (or "answer" for all answers), refused with <see cref="Refusal.Invalid"/>
    /// when it does not parse, does not render, or leaves out a required element (<see cref="RequiredElements"/>).
    /// Omissions are found by rendering with a sentinel in each required element and looking for it in the output.
    /// </summary>
    public static NoticeTemplate Validate(string kind, string? source)
    {
        var key = kind == NoticeKinds.AnswerTemplate ? kind : NoticeKinds.Require("kind", kind).Code;
        if (string.IsNullOrWhiteSpace(source)) throw Refusal.Invalid("template", "The template is empty.");
        if (source.Length > 100_000) throw Refusal.Invalid("template", "A template is at most 100,000 characters.");
        var template = Parse(key, source, administrator: true);

        var sampleKind = key == NoticeKinds.AnswerTemplate ? NoticeKinds.AnswerTo(Outcomes.Disclosed) : key;
        var required = RequiredElements.For(key);
        foreach (var sample in new[] { SampleNotice.Full(sampleKind), SampleNotice.Sparse(sampleKind) })
        {
            var values = sample.ToValues();
            foreach (var element in required) Put(values, element.Path, Sentinel(element));
            var text = RenderBody(template, values, sample.IssuedOn);
            RefuseActiveMarkup(text);
            var missing = required.Where(e => !text.Contains(Sentinel(e), StringComparison.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0)
                throw Refusal.Invalid("template", $"The template leaves out required elements: {
                    string.Join("; ", missing.Select(e => $"{e.Name} ({{{{ {e.Path} }}}})"))}.");
        }
        return template;
    }

    /// <summary>The complete HTML document of a notice (A4 page, CJK serif fonts) for the host to print to PDF.</summary>
    public static string Render(NoticeTemplate template, NoticeModel model)
    {
        if (!template.Serves(model.Kind))
            throw Refusal.Invalid("template", $"The template for '{template.Key}' does not serve notices of kind '{model.Kind}'.");
        var body = RenderBody(template, model.ToValues(), model.IssuedOn);
        RefuseActiveMarkup(body); // the printer is a browser: what it is given never runs or fetches, whatever a template's branches hold
        var page = new Dictionary<string, object> { ["title"] = model.Title, ["number"] = model.Number, ["body"] = body };
        return RenderBody(Page.Value, page, model.IssuedOn);
    }

    /// <summary>Renders and records the notice: <see cref="NoticeIssued"/> carries the template version and the content hash.</summary>
    public static IssuedNotice Issue(NoticeTemplate template, NoticeModel model, DateOnly today)
    {
        if (model.IssuedOn > today) throw Refusal.Invalid("issuedOn", $"A notice cannot be dated after today ({today:yyyy-MM-dd}).");
        if (string.IsNullOrWhiteSpace(model.Number)) throw Refusal.Invalid("number", "A notice needs its 文号.");
        var html = Render(template, model);
        return new(html, new NoticeIssued(model.Kind, model.Number, model.IssuedOn, template.Version, ContentHash(html)));
    }

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex: rendering is deterministic, so the same model gives the same hash.</summary>
    public static string ContentHash(string html) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html)));

    private static void RefuseActiveMarkup(string body)
    {
        if (TemplateSafety.ActiveMarkup(body) is { Count: > 0 } active)
            throw Refusal.Invalid("template", $"The template prints markup that would run or fetch when printed: {string.Join("; ", active.Distinct())}.");
    }

    private static NoticeTemplate Parse(string key, string source, bool administrator)
    {
        if (!Parser.TryParse(source, out var parsed, out var error))
            throw Refusal.Invalid("template", $"The template does not parse: {error}");
        if (TemplateSafety.Forbidden(parsed, administrator) is { Count: > 0 } forbidden)
            throw Refusal.Invalid("template", $"The template uses what notice templates do not allow: {string.Join("; ", forbidden.Distinct())}.");
        return new NoticeTemplate(key, source, parsed);
    }

    private static string RenderBody(NoticeTemplate template, Dictionary<string, object> values, DateOnly issuedOn)
    {
        var context = new TemplateContext(Options)
        {
            // 'now' in a template is the date of issue: the same model renders the same text on any day
            Now = () => new DateTimeOffset(issuedOn.ToDateTime(TimeOnly.MinValue), Beijing),
        };
        foreach (var (name, value) in values) context.SetValue(name, value);
        try
        {
            using var writer = new BoundedWriter();
            // completes synchronously: no value or filter here awaits anything
            template.Parsed.RenderAsync(writer, context, Encoder).AsTask().GetAwaiter().GetResult();
            return writer.ToString();
        }
        catch (Exception e) when (e is not Refusal)
        {
            throw Refusal.Invalid("template", $"The template does not render: {Explain(e)}");
        }
    }

    private static string Explain(Exception e) => e switch
    {
        FluidException f when f.Message.Contains("Fluid.Ast", StringComparison.Ordinal) =>
            "it reads a name the notice does not have (the names are listed in NoticeValues).",
        InvalidOperationException i when i.Message.StartsWith("the ", StringComparison.Ordinal) => i.Message + ".",
        InvalidOperationException => "it runs too long or nests too deep.",
        _ => e.Message,
    };

    private static NoticeTemplate Load(string key)
    {
        var name = $"Notices.Templates.{key}.liquid";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The default template {name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(key, reader.ReadToEnd(), administrator: false);
    }

    private static string Sentinel(RequiredElement element) => $"QX7{element.Path.Replace('.', '_').ToUpperInvariant()}QX7";

    private static void Put(Dictionary<string, object> values, string path, string sentinel)
    {
        var parts = path.Split('.');
        var target = values;
        foreach (var part in parts[..^1]) target = (Dictionary<string, object>)target[part];
        // a list keeps its sample items (a template is tried on lists as long as real ones) and gains the sentinel
        target[parts[^1]] = target[parts[^1]] is List<string> list ? new List<string>(list) { sentinel } : sentinel;
    }
}
