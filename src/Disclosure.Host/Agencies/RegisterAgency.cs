using Disclosure.Domain;
using Disclosure.Host.Cases;
using Disclosure.Domain.Agencies;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Disclosure.Host.Agencies;

/// <param name="Id">A slug such as <c>sanchang-park</c>; part of every route of the agency.</param>
/// <param name="Code">Prefix of tracking numbers; defaults to the initials of the id.</param>
/// <param name="Database">With several databases (README, "Several databases"): the one to hold the agency's cases; defaults
/// to its parent's, else the one holding the fewest agencies. Not given with one database.</param>
public sealed record RegisterAgency(string? Id, string? Name, string? ParentId, string? Code, string? Database = null);

/// <param name="Database">The database holding the agency's cases when there are several; null with one.</param>
public sealed record AgencyCreated(string Id, string Name, string? ParentId, string Code, string? Database = null);

public static class RegisterAgencyEndpoint
{
    /// <summary>Agencies live in the default tenant: each is one stream with a name-derived id.</summary>
    public static Guid StreamId(string agencyId) => DeterministicGuid.For("agency:" + agencyId);

    public static ProblemDetails Validate(RegisterAgency command) =>
        new Problems.Required().Add(AgencyRules.Validate(command.Id, command.Name, command.Code)).Result();

    // Not a case: an agency lives in the default tenant, on the reference-data path (ReferenceWrites), which starts its
    // stream and tells every node in one transaction. A duplicate id (two registrations racing) is told as 409 and leaves
    // nothing behind; tracking numbers carry the code, so two agencies never share one (AgencyRules.Register).
    [WolverinePost("/api/agencies", OperationId = "registerAgency", Summary = "登记机关 · Register an agency")]
    [Authorize(Roles = Roles.Administering), Tags("Agencies")]
    [ProducesResponseType<AgencyCreated>(201)]
    public static async Task<IResult> Post(RegisterAgency command, IQuerySession session, ReferenceWrites writes, BusinessClock clock, HttpContext http,
        AgencyDatabases databases, CancellationToken ct)
    {
        var id = command.Id!;
        for (var attempt = 1; ; attempt++)
        {
            // the directory as it stands; the Domain decides the id, the parent and the code (AgencyRules.Register)
            var idTaken = await session.LoadAsync<Agency>(id, ct) is not null;
            var parentRegistered = command.ParentId is { } parent && await session.LoadAsync<Agency>(parent, ct) is not null;
            var codes = (await session.Query<Agency>().Select(a => new { a.Code, a.Id }).ToListAsync(ct)).ToDictionary(a => a.Code, a => a.Id, StringComparer.Ordinal);
            AgencyRegistered registered;
            try
            {
                registered = AgencyRules.Register(id, command.Name!, command.ParentId, command.Code, idTaken, parentRegistered, codes, clock.Now);
            }
            catch (Refusal refusal)
            {
                return Problems.From(refusal);
            }
            // several databases: the agency gets its database in the master's table before it exists, so that no case of it
            // can be written anywhere else; a registration refused after this leaves the row of an id nobody holds, and a
            // later registration of that id finds its database there
            var (database, wrongDatabase) = await databases.AssignAsync(id, command.Database, registered.ParentId, ct);
            if (wrongDatabase is not null) return Problems.ValidationResult(new Dictionary<string, string[]> { ["database"] = [wrongDatabase] });
            try
            {
                await writes.RecordAsync(ReferenceStream.OfAgency(id), Actor.Of(http.User), [registered], ct, startsStream: true);
                return Results.Created($"/api/agencies/{id}", new AgencyCreated(id, registered.Name, registered.ParentId, registered.Code, database));
            }
            catch (Exception e) when (IsCodeTaken(e))
            {
                // The unique index on the code (EventStore, AgencyCodeIndex) decides, not the read above: a registration racing
                // another for the same code loses at commit. Read again: the winner is there now, so a code the caller chose is
                // refused (or the id, if the winner took it too) and a defaulted code moves on to the next free one.
                if (attempt == MaxAttempts) return Problems.From(AgencyRules.CodeTaken(registered.Code, await HolderOf(session, registered.Code, ct)));
            }
            catch (Exception e) when (StorageConflict.Is(e))
            {
                return Problems.From(AgencyRules.IdTaken(id));
            }
        }
    }

    /// <summary>The unique index on the agency's tracking-number code (see EventStore).</summary>
    public const string AgencyCodeIndex = "mt_doc_agency_uidx_code";

    /// <summary>How often a defaulted code is taken again after losing a race for it: each loss means another agency just registered.</summary>
    private const int MaxAttempts = 10;

    private static bool IsCodeTaken(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is Npgsql.PostgresException { SqlState: "23505", ConstraintName: AgencyCodeIndex }) return true;
        return false;
    }

    private static Task<string?> HolderOf(IQuerySession session, string code, CancellationToken ct) =>
        session.Query<Agency>().Where(a => a.Code == code).Select(a => a.Id).FirstOrDefaultAsync(ct);

}
