namespace Disclosure.Host.Notices;

/// <summary>
/// A notice as it was issued, kept (条例第四十五条): the exact HTML rendered when it was issued, never rendered again from a
/// template that changed since. Erasure blanks the personal data in it and keeps its number (<see cref="MaskedOn"/>).
/// </summary>
public sealed class KeptNotice
{
    public static string IdOf(Guid applicationId, string number) => $"{applicationId}/{number}";

    public string Id { get; set; } = "";
    public Guid ApplicationId { get; set; }
    public string TrackingNumber { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Number { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public string TemplateVersion { get; set; } = "";
    /// <summary>SHA-256 of the HTML as issued (the <c>notice_issued</c> event carries the same).</summary>
    public string ContentHash { get; set; } = "";
    public string Html { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateOnly? MaskedOn { get; set; }
}

/// <summary>The PDF printed from a kept notice's HTML — the file the applicant receives — kept beside it.</summary>
public sealed class KeptPdf
{
    public string Id { get; set; } = "";
    public byte[] Pdf { get; set; } = [];
    /// <summary>SHA-256 of the HTML it was printed from: a masked document is printed again, never an old print served.</summary>
    public string PrintedFrom { get; set; } = "";
    public DateTimeOffset PrintedAt { get; set; }
}

/// <summary>The text of one version of an agency's template (the version is derived from the text).</summary>
public sealed class NoticeTemplateText
{
    public static string IdOf(string agency, string version) => $"{agency}/{version}";

    public string Id { get; set; } = "";
    public string Agency { get; set; } = "";
    public string Key { get; set; } = "";
    public string Version { get; set; } = "";
    public string Source { get; set; } = "";
}
