using Disclosure.Domain;
using Disclosure.Domain.Agencies;
using Disclosure.Host.Agencies;
using Disclosure.Host.Cases;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Disclosure.Host.StaffConsole.Shared;

/// <summary>
/// A page of one agency's console (<c>/console/{agency}/…</c>). <see cref="AgencyGate"/> has already resolved the agency
/// (registered, and claimed by the signed-in user) before the page runs, exactly as for the API.
/// </summary>
public abstract class ConsolePage : PageModel
{
    public string AgencyId => HttpContext.Features.Get<ActingAgency>()?.Id ?? RouteData.Values[AgencyGate.RouteArgument]?.ToString() ?? "";
    public Agency Agency { get; private set; } = new();
    public DateOnly Today { get; private set; }

    protected BusinessClock Clock => HttpContext.RequestServices.GetRequiredService<BusinessClock>();

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        Today = Clock.Today;
        if (AgencyId.Length > 0)
            Agency = await HttpContext.RequestServices.GetRequiredService<AgencyDirectory>().FindAsync(AgencyId, HttpContext.RequestAborted) ?? new Agency();
        await next();
    }

    /// <summary>What of an applicant's personal data the signed-in user sees: one policy for every page (<see cref="Privacy.PersonalDataView"/>).</summary>
    public Privacy.PersonalDataView Privacy => Host.Privacy.PersonalDataView.For(User);

    /// <summary>Whether the signed-in user holds one of the roles of a named set (<see cref="Roles"/>).</summary>
    public bool May(string roles) => roles.Split(',').Any(User.IsInRole);

    /// <summary>
    /// Sends a command of this agency through the one write path, recorded as done by the signed-in user (the envelope's
    /// user name becomes the events' user, as for an API call).
    /// </summary>
    protected Task<CaseAnswer> SendAsync(object command)
    {
        var bus = HttpContext.RequestServices.GetRequiredService<IMessageBus>();
        if (bus is IMessageContext context) context.UserName = User.Identity?.Name;
        return bus.SendAsync(AgencyId, command, HttpContext.RequestAborted);
    }

    protected Task<CaseAnswer> ReceiveAsync(object intake)
    {
        var bus = HttpContext.RequestServices.GetRequiredService<IMessageBus>();
        if (bus is IMessageContext context) context.UserName = User.Identity?.Name;
        return bus.ReceiveAsync(AgencyId, intake, HttpContext.RequestAborted);
    }

    private static KeyedMessage Text(CaseAnswer answer) => answer.Text ?? KeyedMessage.Literal(answer.Message ?? "");

    /// <summary>Puts a refused answer into the form: next to its field, or above the form; the status tells a script what happened.</summary>
    protected void Show(CaseAnswer answer, FormState state)
    {
        Response.StatusCode = answer.Status is >= 400 ? answer.Status : StatusCodes.Status400BadRequest;
        if (answer.Outcome == CaseOutcome.Conflict) state.Problem = ChineseMessages.ChangedByOthers;
        else if (answer.Field is { Length: > 0 } field && state.Values.ContainsKey(field)) state.Errors[field] = ChineseMessages.Translate(Text(answer), state.Value(field));
        else state.Problem = ChineseMessages.Translate(Text(answer), "-");
    }
}
