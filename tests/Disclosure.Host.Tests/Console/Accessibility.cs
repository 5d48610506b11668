using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Disclosure.Host.Tests.Console;

/// <summary>
/// Accessibility measured, not hoped for: axe-core 4.14 (Deque.AxeCore.Playwright) over a page as it stands in the
/// browser, and the keyboard's focus ring measured as it moves. For any browser spec:
/// <c>await Accessibility.AssertCleanAsync(page, "what")</c> at each of <see cref="Widths"/>.
/// </summary>
public static class Accessibility
{
    /// <summary>The widths every page is checked at: a desktop and a phone.</summary>
    public static readonly (string Name, int Width, int Height)[] Widths = [("desktop", 1366, 900), ("phone", 390, 844)];

    /// <summary>The serious and critical violations axe-core finds on the page, one line per element (rule, help, selector).</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {v.Help} — {n.Target} {n.Html}"))
            .ToList();
    }

    /// <summary>Fails with axe-core's findings if the page has a serious or critical violation.</summary>
    public static async Task AssertCleanAsync(IPage page, string what)
    {
        var violations = await SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what} ({page.ViewportSize?.Width}px): {violations.Count} serious/critical axe violations\n{string.Join("\n", violations)}");
    }

    /// <summary>
    /// Tabs through the page from where the focus is (up to <paramref name="tabs"/> times, or until it leaves the page) and
    /// returns each focused element whose focus indicator is missing, or under 2 px, or under 3:1 against the background
    /// around it (WCAG 2.4.7, 1.4.11), or that is not visible.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FocusProblemsAsync(IPage page, int tabs = 60)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>();
        for (var i = 0; i < tabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<FocusRing?>(MeasureFocus);
            if (focus is null) break; // out of the page
            if (!seen.Add(focus.What + "|" + focus.Index)) break;
            if (!focus.Visible) problems.Add($"{focus.What}: focused but not visible");
            else if (focus.Style == "none" || focus.Width < 2 || focus.Ratio < 3)
                problems.Add($"{focus.What}: focus outline {focus.Style} {focus.Width}px {focus.Color}, {focus.Ratio:0.00}:1 on {focus.Background}");
        }
        return problems;
    }

    public sealed class FocusRing
    {
        public string What { get; set; } = "";
        public int Index { get; set; }
        public bool Visible { get; set; }
        public string Style { get; set; } = "";
        public double Width { get; set; }
        public string Color { get; set; } = "";
        public string Background { get; set; } = "";
        public double Ratio { get; set; }
    }

    private const string MeasureFocus = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body || e === document.documentElement) return null;
          const s = getComputedStyle(e);
          const rgb = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[\s,\/]+/).filter(x => x).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          let bg = null, bgText = "rgb(255, 255, 255)";
          for (let n = e.parentElement; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor); if (c && c.a > 0) { bg = c; bgText = getComputedStyle(n).backgroundColor; break; } }
          bg = bg || { r: 255, g: 255, b: 255, a: 1 };
          const oc = rgb(s.outlineColor) || { r: 255, g: 255, b: 255 };
          const l1 = lum(oc), l2 = lum(bg);
          const r = e.getBoundingClientRect();
          const all = Array.from(document.querySelectorAll("a, button, input, select, textarea, summary, [tabindex]"));
          return {
            what: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.getAttribute("name") ? "[name=" + e.getAttribute("name") + "]" : "") + " " + (e.textContent || "").trim().slice(0, 24),
            index: all.indexOf(e),
            visible: r.width > 0 && r.height > 0 && s.visibility !== "hidden",
            style: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0, color: s.outlineColor, background: bgText,
            ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
          };
        }
        """;
}
