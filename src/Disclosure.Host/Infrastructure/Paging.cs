namespace Disclosure.Host.Infrastructure;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>The paging rules every list shares.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static Dictionary<string, string[]> Check(int page, int pageSize, string? status = null, IReadOnlyList<Domain.Term>? statuses = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && statuses is not null && !statuses.Any(s => s.Code == status))
            errors["status"] = [$"Unknown status '{status}'. Allowed: {string.Join(", ", statuses.Select(s => s.Code))}."];
        if (page < 1) errors["page"] = ["Pages start at 1."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"1 to {MaxPageSize}."];
        return errors;
    }
}
