namespace Disclosure.Host.Deadlines;

/// <summary>
/// Look at one application's deadlines: scheduled durably (a row in Wolverine's PostgreSQL inbox) by the write path for
/// the case's earliest alarm day. <paramref name="Due"/> is the business time it was scheduled for.
/// </summary>
public sealed record CheckApplicationDeadlines(string Agency, Guid ApplicationId, DateTimeOffset? Due = null);

/// <summary>Look at one letter's deadlines.</summary>
public sealed record CheckLetterDeadlines(string Agency, Guid LetterId, DateTimeOffset? Due = null);

/// <summary>Look at one review case's reply deadline.</summary>
public sealed record CheckReviewDeadlines(string Agency, Guid ReviewId, DateTimeOffset? Due = null);

/// <summary>The nightly sweep over every open case: catches anything a schedule missed (a lost alarm, a corrected calendar).</summary>
public sealed record SweepDeadlines;
