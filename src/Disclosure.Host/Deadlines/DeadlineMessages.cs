namespace Disclosure.Host.Deadlines;

/// <summary>Look at one application's deadlines today (scheduled durably for every day something may fall due).</summary>
public sealed record CheckApplicationDeadlines(string Agency, Guid ApplicationId);

/// <summary>Look at one letter's deadlines today.</summary>
public sealed record CheckLetterDeadlines(string Agency, Guid LetterId);

/// <summary>The nightly sweep over every open case: catches anything a schedule missed (a crash between a check's
/// commit and its scheduling of the next one, a corrected calendar).</summary>
public sealed record SweepDeadlines;
