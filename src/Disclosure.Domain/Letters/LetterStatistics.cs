namespace Disclosure.Domain.Letters;

public sealed class CategoryFigures
{
    public int Received { get; set; }
    public int Replied { get; set; }
    public int RepliedOnTime { get; set; }
}

public sealed class DepartmentFigures
{
    public int Assigned { get; set; }
    public int Returned { get; set; }
    public int Replied { get; set; }
    public int RepliedOnTime { get; set; }
    public int WorkingDaysToReply { get; set; }
}

/// <summary>Mailbox statistics of one agency-year; each event counts in the year of its business date.</summary>
public sealed class LetterStatistics
{
    public string Id { get; set; } = "";
    public string Agency { get; set; } = "";
    public int Year { get; set; }
    public int Received { get; set; }
    public int Accepted { get; set; }
    public int Rejected { get; set; }
    public int Reclassified { get; set; }
    public int Replied { get; set; }
    public int RepliedOnTime { get; set; }
    public int RepliedPublicly { get; set; }
    public int Rehandled { get; set; }
    public int WorkingDaysToReply { get; set; }
    public Dictionary<string, CategoryFigures> ByCategory { get; set; } = new();
    public Dictionary<string, DepartmentFigures> ByDepartment { get; set; } = new();
    public Dictionary<string, int> Satisfaction { get; set; } = new();
    public Dictionary<string, int> RejectionReasons { get; set; } = new();

    /// <summary>Letters whose handling ended in the year: answered (first reply), refused, or turned into an application.</summary>
    public int Handled => Replied + Rejected + Reclassified;
    public decimal? AverageWorkingDaysToReply => Replied == 0 ? null : Math.Round((decimal)WorkingDaysToReply / Replied, 1);

    public static int? YearOf(object @event) => @event switch
    {
        LetterReceived e => e.ReceivedOn.Year,
        LetterAccepted e => e.On.Year,
        LetterRejected e => e.On.Year,
        LetterAssigned e => e.On.Year,
        LetterReturned e => e.On.Year,
        LetterReplied e => e.On.Year,
        FeedbackRecorded e => e.On.Year,
        LetterReclassified e => e.On.Year,
        _ => null,
    };

    /// <param name="category">The letter's category, for events that do not carry it.</param>
    public void Count(object @event, string? category = null)
    {
        switch (@event)
        {
            case LetterReceived e:
                Received++;
                Cat(e.Category).Received++;
                break;
            case LetterAccepted: Accepted++; break;
            case LetterRejected e:
                Rejected++;
                RejectionReasons[e.Reason] = RejectionReasons.GetValueOrDefault(e.Reason) + 1;
                break;
            case LetterReclassified: Reclassified++; break;
            case LetterAssigned e: Dept(e.Department).Assigned++; break;
            case LetterReturned e: Dept(e.Department).Returned++; break;
            case LetterReplied { Round: > 1 }: Rehandled++; break;
            case LetterReplied e:
                Replied++;
                WorkingDaysToReply += e.WorkingDaysTaken;
                if (e.Publish) RepliedPublicly++;
                if (e.OnTime) RepliedOnTime++;
                var cat = Cat(e.Category);
                cat.Replied++;
                if (e.OnTime) cat.RepliedOnTime++;
                if (e.Department is { } d)
                {
                    var dept = Dept(d);
                    dept.Replied++;
                    dept.WorkingDaysToReply += e.WorkingDaysTaken;
                    if (e.OnTime) dept.RepliedOnTime++;
                }
                break;
            case FeedbackRecorded e: Satisfaction[e.Satisfaction] = Satisfaction.GetValueOrDefault(e.Satisfaction) + 1; break;
        }
    }

    private CategoryFigures Cat(string c) => ByCategory.TryGetValue(c, out var f) ? f : ByCategory[c] = new CategoryFigures();
    private DepartmentFigures Dept(string d) => ByDepartment.TryGetValue(d, out var f) ? f : ByDepartment[d] = new DepartmentFigures();
}
