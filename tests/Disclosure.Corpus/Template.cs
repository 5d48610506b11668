using System.Text;

namespace Disclosure.Corpus;

/// <summary>The values a template can name, as <c>{name}</c>.</summary>
internal enum Slot
{
    City, District, Town, Village, Community, Road, Road2, Estate, House, Project, Company, School, Hospital, Year, Month, N,
    Agency, DocNo, Object, Home, Reason, Delivery, Word, Ordinal, Prior,
}

/// <summary>
/// A sentence with variations, compiled once: <c>{slot}</c> a value, <c>&lt;a|b|c&gt;</c> one of the alternatives,
/// <c>[x]</c> x or nothing. Alternatives and options are re-drawn on every rendering, so rendering one request twice
/// words it differently while naming the same things.
/// </summary>
internal sealed class Template
{
    private abstract record Node;
    private sealed record Text(string Value) : Node;
    private sealed record Value(Slot Slot) : Node;
    private sealed record Either(Node[] Alternatives) : Node;
    private sealed record Maybe(Node Part) : Node;
    private sealed record Sequence(Node[] Parts) : Node;

    private readonly Node root;

    /// <summary>The slots named anywhere in the template.</summary>
    public IReadOnlySet<Slot> Slots { get; }

    public Template(string source)
    {
        var at = 0;
        root = ParseSequence(source, ref at);
        if (at != source.Length) throw new FormatException($"Unbalanced template: {source}");
        var slots = new HashSet<Slot>();
        Collect(root, slots);
        Slots = slots;
    }

    public static implicit operator Template(string source) => new(source);

    public void Render(StringBuilder into, Random random, string?[] values) => Render(root, into, random, values);

    public string Render(Random random, string?[] values)
    {
        var sb = new StringBuilder(64);
        Render(root, sb, random, values);
        return sb.ToString();
    }

    private static void Render(Node node, StringBuilder into, Random random, string?[] values)
    {
        switch (node)
        {
            case Text t: into.Append(t.Value); break;
            case Value v: into.Append(values[(int)v.Slot] ?? throw new InvalidOperationException($"No value for {{{v.Slot}}}")); break;
            case Either e: Render(e.Alternatives[random.Next(e.Alternatives.Length)], into, random, values); break;
            case Maybe m: if (random.Next(2) == 0) Render(m.Part, into, random, values); break;
            case Sequence s: foreach (var part in s.Parts) Render(part, into, random, values); break;
        }
    }

    private static Node ParseSequence(string s, ref int at)
    {
        var parts = new List<Node>();
        var text = new StringBuilder();
        while (at < s.Length && s[at] is not ('|' or '>' or ']'))
        {
            var c = s[at];
            if (c is '{' or '<' or '[')
            {
                if (text.Length > 0) { parts.Add(new Text(text.ToString())); text.Clear(); }
                parts.Add(c switch { '{' => ParseValue(s, ref at), '<' => ParseEither(s, ref at), _ => ParseMaybe(s, ref at) });
            }
            else { text.Append(c); at++; }
        }
        if (text.Length > 0) parts.Add(new Text(text.ToString()));
        return parts.Count == 1 ? parts[0] : new Sequence([.. parts]);
    }

    private static Node ParseValue(string s, ref int at)
    {
        var end = s.IndexOf('}', at);
        var name = s[(at + 1)..end];
        at = end + 1;
        return new Value(Enum.Parse<Slot>(name, ignoreCase: true));
    }

    private static Node ParseEither(string s, ref int at)
    {
        var alternatives = new List<Node>();
        do
        {
            at++; // '<' or '|'
            alternatives.Add(ParseSequence(s, ref at));
        } while (at < s.Length && s[at] == '|');
        Expect(s, ref at, '>');
        return new Either([.. alternatives]);
    }

    private static Node ParseMaybe(string s, ref int at)
    {
        at++;
        var part = ParseSequence(s, ref at);
        Expect(s, ref at, ']');
        return new Maybe(part);
    }

    private static void Expect(string s, ref int at, char c)
    {
        if (at >= s.Length || s[at] != c) throw new FormatException($"Expected '{c}' at {at} in: {s}");
        at++;
    }

    private static void Collect(Node node, HashSet<Slot> slots)
    {
        switch (node)
        {
            case Value v: slots.Add(v.Slot); break;
            case Either e: foreach (var a in e.Alternatives) Collect(a, slots); break;
            case Maybe m: Collect(m.Part, slots); break;
            case Sequence q: foreach (var p in q.Parts) Collect(p, slots); break;
        }
    }
}
