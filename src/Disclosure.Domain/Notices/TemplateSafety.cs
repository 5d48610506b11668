using System.Text;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Disclosure.Domain.Notices;

/// <summary>
/// Keeps an administrator's template from harming the host. Fluid already reads only the values handed to it and has no
/// file access; its step limit does not bound memory, so on top of it: no number ranges but small literal ones (a range is
/// materialised in full before the loop counts a step), no capture/include/render, every filter result and the output
/// bounded in size (a chain of filters could otherwise grow a string exponentially).
/// </summary>
internal static class TemplateSafety
{
    public const int MaxRange = 1_000;
    public const int MaxString = 200_000;
    public const int MaxItems = 10_000;
    public const int MaxOutput = 1_000_000;

    /// <summary>The constructs the template uses that notices do not allow, as refusal text; empty when none.</summary>
    public static IReadOnlyList<string> Forbidden(IFluidTemplate template)
    {
        var check = new Check();
        check.VisitTemplate(template);
        return check.Found;
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

    private sealed class Check : AstVisitor
    {
        public List<string> Found { get; } = [];

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
