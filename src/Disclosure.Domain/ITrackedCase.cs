namespace Disclosure.Domain;

/// <summary>A case addressed by people through its tracking number as well as its id.</summary>
public interface ITrackedCase
{
    Guid Id { get; }
    string TrackingNumber { get; }
    /// <summary>Its status code (the kind's vocabulary of statuses).</summary>
    string Status { get; }
    /// <summary>The year of its legal receipt date.</summary>
    int ReceivedYear { get; }
    /// <summary>The agency whose case it is (its tenant).</summary>
    string Agency { get; }
    /// <summary>When the case is due, as stored (with the calendar in force when it was last folded).</summary>
    DateOnly? DueOn { get; }
    /// <summary>When its personal data was erased (<see cref="PersonalData"/>), if it was.</summary>
    DateOnly? PersonalDataErasedOn { get; }
}
