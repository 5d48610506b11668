namespace Disclosure.Domain;

/// <summary>A case addressed by people through its tracking number as well as its id.</summary>
public interface ITrackedCase
{
    Guid Id { get; }
    string TrackingNumber { get; }
}
