using System.Text;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using Ganss.Xss;

namespace Disclosure.Domain.Notices;

/// <summary>
/// Keeps an administrator's template from harming the host. Fluid already reads only the values handed to it and has no
/// file access; its step limit does not bound memory, so on top of it: no number ranges but small literal ones (a range is
/// materialised in full before the loop counts a step), no capture/include/render, every filter result and the output
/// bounded in size (a chain of filters could otherwise grow a string exponentially). And the document it prints is
/// printed by a browser on the server: a template may carry layout markup only — nothing that runs or fetches (no script,
/// img, iframe, link, style sheet, CSS url()/@import/@font-face, no URL at all), checked with HtmlSanitizer on its literal
/// markup, on what it renders when it is tried and on every document issued; its values are always printed as text (no
/// <c>raw</c> filter in an administrator's template).
/// </summary>
internal static class TemplateSafety
{
    public const int MaxRange = 1_000;
    public const int MaxString = 200_000;
    public const int MaxItems = 10_000;
    public const int MaxOutput = 1_000_000;

    /// <summary>The constructs the template uses that notices do not allow, as refusal text; empty when none.</summary>
    public static IReadOnlyList<string> Forbidden(IFluidTemplate template, bool administrator)
    {
        var check = new Check(administrator);
        check.VisitTemplate(template);
        if (administrator && ActiveMarkup(check.Literal.ToString()) is { Count: > 0 } markup) check.Found.AddRange(markup);
        return check.Found;
    }

    // layout only: what a 公文 needs on paper; anything else (script, img, iframe, object, link, style, form, svg, meta, base…) is refused
    private static readonly HtmlSanitizerOptions Layout = new()
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "article", "section", "header", "footer", "div", "span", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "li", "dl", "dt", "dd",
            "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col", "br", "hr", "strong", "em", "b", "i", "u", "s",
            "sup", "sub", "small", "blockquote",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "class", "id", "lang", "dir", "colspan", "rowspan", "start", "style" },
        AllowedCssProperties = new HashSet<string>(HtmlSanitizerDefaults.AllowedCssProperties, StringComparer.OrdinalIgnoreCase),
        AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        UriAttributes = new HashSet<string>(HtmlSanitizerDefaults.UriAttributes, StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>What in <paramref name="html"/> could run or fetch when it is printed, as refusal text; empty when none.</summary>
    public static List<string> ActiveMarkup(string html)
    {
        var found = new List<string>();
        var sanitizer = new HtmlSanitizer(Layout);
        sanitizer.RemovingTag += (_, e) => found.Add($"<{e.Tag.LocalName}>");
        sanitizer.RemovingAttribute += (_, e) => found.Add($"the attribute {e.Attribute.Name} of <{e.Tag.LocalName}>");
        sanitizer.RemovingStyle += (_, e) => found.Add($"the style {e.Style.Name}: {e.Style.Value} of <{e.Tag.LocalName}>");
        sanitizer.RemovingAtRule += (_, e) => found.Add($"the CSS rule {e.Rule.CssText.Split('{')[0].Trim()}");
        // a URL anywhere (a CSS url() in a style attribute) is a fetch: none is allowed, whatever its scheme
        sanitizer.FilterUrl += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.OriginalUrl)) return;
            found.Add($"the URL {e.OriginalUrl} in <{e.Tag.LocalName}>");
            e.SanitizedUrl = null;
        };
        sanitizer.Sanitize(html);
        return found;
    }

    /// <summary>Every filter of <paramref name="options"/> wrapped so that an oversized result stops the rendering.</summary>
    public static void BoundFilters(TemplateOptions options)
    {
        foreach (var (name, filter) in options.Filters.ToList())
            options.Filters.AddFilter(name, async (input, arguments, context) => Bounded(name, await filter(input, arguments, context)));
    }

    private static FluidValue Bounded(string filter, FluidValue value) => value switch
    {
        StringValue s when s.ToStringValue().Length > MaxString =>
            throw new InvalidOperationException($"the filter '{filter}' produced more than {MaxString:N0} characters"),
        ArrayValue a when a.Values.Count > MaxItems =>
            throw new InvalidOperationException($"the filter '{filter}' produced more than {MaxItems:N0} items"),
        _ => value,
    };

    private sealed class Check(bool administrator) : AstVisitor
    {
        public List<string> Found { get; } = [];

        /// <summary>The template's literal text, every branch of it, joined: the markup it can print whatever the values.</summary>
        public StringBuilder Literal { get; } = new();

        protected override Statement VisitTextSpanStatement(TextSpanStatement text)
        {
            Literal.Append(text.Text.ToString());
            return base.VisitTextSpanStatement(text);
        }

        protected override Statement VisitRawStatement(RawStatement raw)
        {
            Literal.Append(raw.Text.ToString());
            return base.VisitRawStatement(raw);
        }

        protected override Expression VisitFilterExpression(FilterExpression filter)
        {
            // the page around the body prints it with raw; an administrator's template prints values as text only
            if (administrator && filter.Name == "raw") Found.Add("the filter raw (a value is printed as text)");
            return base.VisitFilterExpression(filter);
        }

        protected override Expression VisitRangeExpression(RangeExpression range)
        {
            if (range.From is not LiteralExpression from || range.To is not LiteralExpression to
                || Math.Abs(to.Value.ToNumberValue() - from.Value.ToNumberValue()) > MaxRange)
                Found.Add($"a number range other than a small literal one (at most {MaxRange}); loop over the lists the notice provides");
            return base.VisitRangeExpression(range);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement capture)
        {
            Found.Add("{% capture %}");
            return base.VisitCaptureStatement(capture);
        }

        protected override Statement VisitIncludeStatement(IncludeStatement include)
        {
            Found.Add("{% include %} (a notice template stands on its own)");
            return base.VisitIncludeStatement(include);
        }

        protected override Statement VisitRenderStatement(RenderStatement render)
        {
            Found.Add("{% render %} (a notice template stands on its own)");
            return base.VisitRenderStatement(render);
        }
    }
}

/// <summary>A StringWriter that stops the rendering once the output passes <see cref="TemplateSafety.MaxOutput"/> characters.</summary>
internal sealed class BoundedWriter() : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
{
    public override void Write(char value) { Room(1); base.Write(value); }
    public override void Write(string? value) { Room(value?.Length ?? 0); base.Write(value); }
    public override void Write(char[] buffer, int index, int count) { Room(count); base.Write(buffer, index, count); }
    public override void Write(ReadOnlySpan<char> buffer) { Room(buffer.Length); base.Write(buffer); }
    public override void Write(StringBuilder? value) { Room(value?.Length ?? 0); base.Write(value); }

    private void Room(int more)
    {
        if (GetStringBuilder().Length + more > TemplateSafety.MaxOutput)
            throw new InvalidOperationException($"the output passes {TemplateSafety.MaxOutput:N0} characters");
    }
}
