using System.Text.RegularExpressions;
using Disclosure.Domain;
using Disclosure.Host.StaffConsole.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Every problem message of the product has its Chinese text, found by its key — the template as the source writes it
/// (<see cref="KeyedMessage"/>). The templates are read from the source (src/) with Roslyn: the message of every
/// <c>Refusal</c> and <c>CaseAnswer.Problem</c>, every field error put into an errors dictionary (the request policy, the
/// endpoints' validation), and every <c>ErrorMessage</c> of a validation attribute. A new or reworded message fails here
/// until ChineseMessages has it.
/// </summary>
public class MessageCatalogueSpecs
{
    [Fact]
    public void Every_problem_message_of_the_product_has_its_Chinese_text()
    {
        var templates = ProductTemplates();
        Assert.True(templates.Count > 100, $"only {templates.Count} templates found: the scan lost its way");
        var missing = templates.Where(t => t.Key != Joined && !ChineseMessages.Has(t.Key)).Select(t => $"{t.Key}    ({t.Where})").Distinct().OrderBy(x => x).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} problem messages without Chinese text (ChineseMessages, by key):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_catalogue_has_no_entry_for_a_message_the_product_no_longer_says()
    {
        var keys = ProductTemplates().Select(t => t.Key).ToHashSet();
        Assert.DoesNotContain(Joined, ChineseMessages.Keys);
        var stale = ChineseMessages.Keys.Where(k => !keys.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Catalogue keys no message uses (reworded or removed):\n" + string.Join("\n", stale));
    }

    [Fact]
    public void The_Chinese_text_uses_the_values_the_template_has()
    {
        foreach (var key in ChineseMessages.Keys)
        {
            var holes = Holes(key);
            Assert.True(Holes(ChineseMessages.ChineseOf(key)).IsSubsetOf(holes), $"'{ChineseMessages.ChineseOf(key)}' uses a value '{key}' does not have");
        }
    }

    [Fact]
    public void A_message_is_keyed_by_its_template_and_reads_as_the_interpolated_string()
    {
        var on = new DateOnly(2026, 7, 2);
        var refusal = Refusal.Invalid("on", $"{on:yyyy-MM-dd} is in the future (today is {on.AddDays(-2):yyyy-MM-dd}); record steps when they happen.");
        Assert.Equal("{0} is in the future (today is {1}); record steps when they happen.", refusal.Text.Key);
        Assert.Equal(["2026-07-02", "2026-06-30"], refusal.Text.Args);
        Assert.Equal("2026-07-02 is in the future (today is 2026-06-30); record steps when they happen.", refusal.Message);
        Assert.Equal("2026-07-02 晚于今天（2026-06-30），请按实际发生的日期登记。", ChineseMessages.Translate(refusal.Text));
        // the same message where only its text travels (a problem details' field error) finds the same entry
        Assert.Equal("2026-07-02 晚于今天（2026-06-30），请按实际发生的日期登记。", ChineseMessages.Translate(refusal.Message));
        // braces in the literal parts are not holes
        var braces = Refusal.Conflict($"Use {{ and }} around {on:yyyy}.");
        Assert.Equal("Use {{ and }} around {0}.", braces.Text.Key);
        Assert.Equal("Use { and } around 2026.", braces.Message);
    }

    /// <summary>What a message joined with a value by + stands for: write it as one interpolated string, whose value is a hole.</summary>
    private const string Joined = "(a message joined with a value by +)";

    [Fact]
    public void No_problem_message_is_joined_with_a_value()
    {
        var joined = ProductTemplates().Where(t => t.Key == Joined).Select(t => t.Where).ToList();
        Assert.True(joined.Count == 0, "Write these messages as one interpolated string (the value a hole of its key): " + string.Join(", ", joined));
    }

    private static HashSet<string> Holes(string template) => [.. Regex.Matches(template.Replace("{{", "").Replace("}}", ""), @"\{\d+\}").Select(m => m.Value)];

    public sealed record Template(string Key, string Where);

    private static readonly string[] RefusalMethods = ["Refusal.Invalid", "Refusal.Conflict", "Refusal.NotFound", "CaseAnswer.Problem"];

    public static List<Template> ProductTemplates()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Disclosure.sln"))) root = root.Parent!;
        var found = new List<Template>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.Preview));
            var where = Path.GetFileName(file);
            void Add(ExpressionSyntax? e, SyntaxNode at)
            {
                foreach (var key in Keys(e)) found.Add(new(key, $"{where}:{at.GetLocation().GetLineSpan().StartLinePosition.Line + 1}"));
            }
            foreach (var node in tree.GetRoot().DescendantNodes())
                switch (node)
                {
                    case InvocationExpressionSyntax call when RefusalMethods.Contains(Regex.Replace(call.Expression.ToString(), @"\s", "")):
                        var name = call.Expression.ToString();
                        var index = name.EndsWith("Conflict") ? 0 : name.EndsWith("Problem") ? 2 : 1;
                        if (call.ArgumentList.Arguments.Count > index) Add(call.ArgumentList.Arguments[index].Expression, call);
                        break;
                    case ObjectCreationExpressionSyntax created when created.Type.ToString() == "Refusal" && created.ArgumentList?.Arguments.Count == 3:
                        Add(created.ArgumentList.Arguments[2].Expression, created);
                        break;
                    // errors[field] = ["…"] and ["field"] = ["…"] in an initializer: a field error of a problem
                    case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax or ImplicitElementAccessSyntax } assign:
                        foreach (var element in Elements(assign.Right)) Add(element, assign);
                        break;
                    case AttributeArgumentSyntax { NameEquals.Name.Identifier.ValueText: "ErrorMessage" } attribute:
                        Add(attribute.Expression, attribute);
                        break;
                    // Problems.Required's Check(value, field, message)
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Check" } } check
                        when check.ArgumentList.Arguments.Count == 3:
                        Add(check.ArgumentList.Arguments[2].Expression, check);
                        break;
                    // the text rules answer with their problem
                    case ReturnStatementSyntax { Expression: { } returned } when where == "TextRules.cs":
                        Add(returned, node);
                        break;
                }
        }
        return found;
    }

    private static IEnumerable<ExpressionSyntax> Elements(ExpressionSyntax right) => right switch
    {
        CollectionExpressionSyntax c => c.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
        ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions,
        ArrayCreationExpressionSyntax { Initializer: { } i } => i.Expressions,
        _ => [],
    };

    /// <summary>The template(s) an expression can produce, computed as <see cref="KeyedMessageHandler"/> does; none for a value passed on.</summary>
    private static IEnumerable<string> Keys(ExpressionSyntax? e) => e switch
    {
        LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression) => [KeyedMessage.Escape(l.Token.ValueText)],
        InterpolatedStringExpressionSyntax i => [Key(i, 0).Key],
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression) => [Concatenation(b) ?? Joined],
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.CoalesceExpression) => Keys(b.Right),
        ConditionalExpressionSyntax c => Keys(c.WhenTrue).Concat(Keys(c.WhenFalse)),
        ParenthesizedExpressionSyntax p => Keys(p.Expression),
        _ => [],
    };

    private static (string Key, int Holes) Key(InterpolatedStringExpressionSyntax i, int first)
    {
        var key = new System.Text.StringBuilder();
        var n = first;
        foreach (var part in i.Contents)
            if (part is InterpolatedStringTextSyntax text) key.Append(KeyedMessage.Escape(text.TextToken.ValueText));
            else key.Append('{').Append(n++).Append('}');
        return (key.ToString(), n - first);
    }

    /// <summary>"…" + $"…" + …: one template, its holes numbered on.</summary>
    private static string? Concatenation(BinaryExpressionSyntax b)
    {
        var parts = new List<ExpressionSyntax>();
        void Flatten(ExpressionSyntax e)
        {
            if (e is BinaryExpressionSyntax x && x.IsKind(SyntaxKind.AddExpression)) { Flatten(x.Left); Flatten(x.Right); }
            else parts.Add(e);
        }
        Flatten(b);
        var key = new System.Text.StringBuilder();
        var holes = 0;
        foreach (var part in parts)
            switch (part)
            {
                case LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression): key.Append(KeyedMessage.Escape(l.Token.ValueText)); break;
                case InterpolatedStringExpressionSyntax i: var (k, n) = Key(i, holes); key.Append(k); holes += n; break;
                default: return null; // a value joined in: not a message template
            }
        return key.ToString();
    }
}
