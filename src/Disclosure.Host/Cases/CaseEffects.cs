namespace Disclosure.Host.Cases;

/// <summary>
/// A message a decision sends once its step is stored: published through the outbox by <see cref="CaseWrites"/> (kept in
/// the step's transaction, handled after it commits, retried until handled), for work that cannot be part of a pure decision
/// — building a PDF, for one (<see cref="Reviews.BuildReviewEvidence"/>). A refused or lost step sends nothing.
/// </summary>
public sealed record AfterCommit(object Message);

/// <summary>A document a decision keeps with its events, stored by <see cref="CaseWrites"/> in the same transaction (the kept evidence bundle of a review).</summary>
public sealed record KeptWithCase(object Document);
