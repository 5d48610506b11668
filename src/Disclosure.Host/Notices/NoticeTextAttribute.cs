using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace Disclosure.Host.Notices;

/// <summary>
/// A field of a step's command that is printed only on the written notice the step issues (the answer notice's wording,
/// a 补正告知书's guidance, what a 征求意见书 asks): an agency without notice settings issues none, so the console hides
/// these fields there and the write path refuses them when given (<see cref="Domain.Notices.NoticeDecider.NoNoticeTextLost"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NoticeTextAttribute : Attribute
{
    /// <summary>The JSON names (<c>notice.decision</c> for a nested one) of the notice-only fields a command was given.</summary>
    public static IReadOnlyList<string> Given(object command)
    {
        var given = new List<string>();
        foreach (var p in command.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (p.GetCustomAttribute<NoticeTextAttribute>() is not null)
                Collect(p.GetValue(command), JsonNamingPolicy.CamelCase.ConvertName(p.Name), given);
        return given;
    }

    private static void Collect(object? value, string name, List<string> given)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                if (!string.IsNullOrWhiteSpace(s)) given.Add(name);
                return;
            case ValueType: // a yes/no chosen, a number given
                given.Add(name);
                return;
            case IEnumerable list:
                if (list.Cast<object?>().Any(i => i is not string t || !string.IsNullOrWhiteSpace(t))) given.Add(name);
                return;
            default:
                foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
                    Collect(p.GetValue(value), name + "." + JsonNamingPolicy.CamelCase.ConvertName(p.Name), given);
                return;
        }
    }
}
