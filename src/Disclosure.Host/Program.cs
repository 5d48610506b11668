using Disclosure.Domain.Agencies;
using Disclosure.Domain.Applications;
using Disclosure.Host.Agencies;
using Disclosure.Host.Applications;
using Disclosure.Host.Calendar;
using Disclosure.Host.StaffConsole;
using Disclosure.Host.Cluster;
using Disclosure.Host.Infrastructure;
using Disclosure.Host.Jobs;
using Disclosure.Host.Reporting;
using Disclosure.Domain.Reporting;
using Disclosure.Host.Security;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Npgsql;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Formatting.Compact;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;
using Wolverine.ErrorHandling;

if (TokenCommand.Matches(args)) return TokenCommand.Run(args);

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
var env = builder.Environment;

if (Environment.GetEnvironmentVariable("DISCLOSURE_URLS") is { Length: > 0 } urls && config["urls"] is null)
    builder.WebHost.UseUrls(urls);

// ── logging: readable locally, compact JSON in production; request lines carry no bodies; personal data is
//    scrubbed from every property and exception text (PersonalDataRedactor, ScrubbedExceptionSink) ──
builder.Host.UseSerilog((ctx, services, lc) =>
{
    var testing = ctx.HostingEnvironment.IsEnvironment("Testing");
    lc.MinimumLevel.Information()
        .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
        .MinimumLevel.Override("Microsoft.Hosting.Lifetime", Serilog.Events.LogEventLevel.Information)
        .MinimumLevel.Override("Wolverine", Serilog.Events.LogEventLevel.Warning)
        .MinimumLevel.Override("Marten", Serilog.Events.LogEventLevel.Warning)
        .MinimumLevel.Override("JasperFx", Serilog.Events.LogEventLevel.Warning)
        .Enrich.FromLogContext()
        .Enrich.With<PersonalDataRedactor>()
        // a client's malformed JSON is a 400 for the client, not an error of the service: Wolverine logs it at error
        // level with a stack trace; the request log line records the 400
        .Filter.ByExcluding(e => e.MessageTemplate.Text.StartsWith("Error trying to deserialize JSON from incoming HTTP body", StringComparison.Ordinal))
        // a command that lost a race with another writer on the same case: the caller answers 409, no error of the service
        .Filter.ByExcluding(e => e.MessageTemplate.Text.StartsWith("Invocation of", StringComparison.Ordinal) && StorageConflict.Is(e.Exception));
    var console = ctx.HostingEnvironment.IsProduction()
        ? new LoggerConfiguration().WriteTo.Console(new CompactJsonFormatter()).CreateLogger()
        : new LoggerConfiguration().WriteTo.Console(outputTemplate:
            "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{ExceptionDetail}").CreateLogger();
    lc.WriteTo.Sink(new ScrubbedExceptionSink(console), testing ? Serilog.Events.LogEventLevel.Warning : Serilog.Events.LogEventLevel.Verbose);
    foreach (var extra in services.GetServices<Serilog.Core.ILogEventSink>()) lc.WriteTo.Sink(new ScrubbedExceptionSink(extra));
    lc.ReadFrom.Configuration(ctx.Configuration); // a "Serilog" section, if any, has the last word
});

var connectionString = config.GetConnectionString("Marten");
if (string.IsNullOrWhiteSpace(connectionString))
    throw new InvalidOperationException("ConnectionStrings:Marten is not set (ops/run sets ConnectionStrings__Marten from ops/pg).");
const string schema = "disclosure";
// The statements Marten and Wolverine repeat on every request are prepared once per pooled connection, so PostgreSQL
// parses and plans them once; a connection holding prepared statements is reset without DISCARD ALL, which also keeps
// the plans cached inside Marten's append function. Measured by ops/bench (README, "Performance"). An explicit
// "Max Auto Prepare" in the connection string wins.
static string Tuned(string connectionString)
{
    var tuned = new NpgsqlConnectionStringBuilder(connectionString);
    if (tuned.MaxAutoPrepare == 0)
    {
        tuned.MaxAutoPrepare = 64;
        tuned.AutoPrepareMinUsages = 2;
    }
    // Several nodes hold long-lived connections (leader lock, notifications, projections): a connection that died silently
    // is noticed within half a minute, as Wolverine advises for clusters (README, "Several nodes"). Explicit values win.
    if (tuned.KeepAlive == 0) tuned.KeepAlive = 30;
    if (!System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"tcp\s*keep\s*alive", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        tuned.TcpKeepAlive = true;
    // A pooled connection handed back is not reset: with prepared statements Npgsql otherwise makes PostgreSQL run
    // SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP
    // at every checkout — 3.7 per request, the dearest statement after the writes themselves (README, "Intake with the repeat
    // check"). An open transaction is still rolled back when a connection goes back (Npgsql does that either way). Nothing here
    // leaves session state on a pooled connection: settings are transaction-local (set_config(…, true)), advisory locks are
    // released explicitly (KeptPdfs; Weasel's lock for Marten and Wolverine), temporary tables are not used, and LISTEN has a
    // connection of its own (ReferenceListener). An explicit "No Reset On Close" in the connection string wins.
    if (!System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"no\s*reset\s*on\s*close", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        tuned.NoResetOnClose = true;
    // No JIT compilation of statements: PostgreSQL compiles a statement planned above jit_above_cost (100,000), which is meant
    // for long analytic queries; this host's are short. On a province's data (#25) the search index's statement was planned
    // at ~170,000–217,000 (its GIN scans' row estimates) and compiled at every execution: 244 functions, ~220 ms median
    // (generation 85, emission 170 ms) beside ~200–300 ms of execution, 26 s of the daemon's 2 minutes (auto_explain). A jit
    // setting in the connection string's Options wins.
    if (tuned.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        tuned.Options = $"{tuned.Options} -c jit=off".Trim();
    return tuned.ConnectionString;
}
connectionString = Tuned(connectionString);

var clockSettings = new ClockSettings(config.GetValue("Clock:ExcludeFeeWaiting", true));
var dataSource = PostgresDataSource.Create(connectionString); // several hosts: the one that takes writes (README, "A primary that can die")
builder.Services.AddSingleton(dataSource);
// the agencies' databases: the one above, or several (EventStore__Databases__{name}), with it as the master (README, "Several databases")
var databases = AgencyDatabases.From(config, dataSource, Tuned);
builder.Services.AddSingleton(databases);
builder.Services.AddSingleton(DrillClock.From(config, env)); // the wall clock, except in a drill
builder.Services.AddSingleton<BusinessClock>();
builder.Services.AddSingleton(new CalendarStore(clockSettings));
builder.Services.AddSingleton(sp => new TrackingNumbers(sp.GetRequiredService<NpgsqlDataSource>(), schema));
builder.Services.AddSingleton<AgencyDirectory>();
builder.Services.AddSingleton<Disclosure.Host.Cluster.ReferenceWrites>(); // the one write path of reference data (#26)
builder.Services.AddSingleton<ReportBuilder>();
builder.Services.AddSingleton<Disclosure.Host.Cases.CaseWrites>();
builder.Services.AddSingleton<Disclosure.Host.Applications.AttachmentSettings>(); // limits of files attached online (Attachments:*)
// Data Protection (idempotency records sealed at rest; the console's cookies and antiforgery tokens): one key ring in the
// database, so every node opens what another sealed
builder.Services.AddDataProtection().SetApplicationName("disclosure");
builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
    new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
        o.XmlRepository = new Disclosure.Host.Cases.DataProtectionKeys(sp.GetRequiredService<IDocumentStore>())));
builder.Services.AddSingleton<Disclosure.Host.Cases.IdempotencyRecords>();
builder.Services.AddSingleton<Disclosure.Host.YearEnd.YearEndWork>();
builder.Services.AddSingleton<Disclosure.Host.Deadlines.DeadlineAlarms>();
builder.Services.AddJobs(config); // jobs over many cases: pages of durable messages (Jobs/, README "Jobs")
builder.Services.AddSingleton<Disclosure.Host.Deadlines.INotificationSender, Disclosure.Host.Deadlines.RecordOnlySender>();
// written notices: issuing in the write path, PDF printing (one headless Chromium per host), e-mail delivery (SMTP)
builder.Services.AddSingleton<Disclosure.Host.Notices.NoticeIssuing>();
builder.Services.AddSingleton<Disclosure.Host.Notices.PrintFonts>();
builder.Services.AddSingleton<Disclosure.Host.Notices.NoticePrinter>();
builder.Services.AddSingleton<Disclosure.Host.Notices.KeptPdfs>();
builder.Services.AddSingleton(Disclosure.Host.Notices.SmtpSettings.Read(config));
builder.Services.AddSingleton(Disclosure.Host.Letters.PublicLimits.Read(config));
builder.Services.AddSingleton<Disclosure.Host.Notices.NoticeMailer>();
builder.Services.AddHostedService<Disclosure.Host.Notices.NoticeStorage>();

// Generated code (Marten's storage, Wolverine's handlers and endpoints) is compiled in memory at start-up by default (see
// README, "Generated code"); a build that ran `codegen write` sets Disclosure__StaticCodegen=true to load the pre-generated,
// optimised types instead: no compiler in memory, no unoptimised handlers, a faster start (README, "Performance").
var generatedCode = config.GetValue("Disclosure:StaticCodegen", false) ? TypeLoadMode.Static : TypeLoadMode.Dynamic;
builder.Services.CritterStackDefaults(x =>
{
    x.Development.GeneratedCodeMode = generatedCode;
    x.Production.GeneratedCodeMode = generatedCode;
    // `codegen write` writes outside the source tree; only a build given -p:GeneratedCodePath=… compiles it (ops/bench)
    if (config["Disclosure:GeneratedCodePath"] is { Length: > 0 } path) x.GeneratedCodeOutputPath = path;
});

// ── Marten: one schema; every case stream and document belongs to one agency (conjoined tenancy) ──
var tuning = config.GetSection("EventStore").Get<EventStoreTuning>() ?? new EventStoreTuning();
builder.Services.AddMarten(sp => databases.Applied(EventStore.Options(sp.GetRequiredService<NpgsqlDataSource>(), schema, sp.GetRequiredService<CalendarStore>(), tuning,
        sp.GetRequiredService<Disclosure.Host.Search.SearchIndexProjection>())))
    .UseLightweightSessions()
    .ApplyAllDatabaseChangesOnStartup()
    // several hosts on one database: Wolverine runs each async projection on exactly one node, spreads them over the
    // nodes and moves them when a node dies (replaces Marten's AddAsyncDaemon, which must not be called as well)
    .IntegrateWithWolverine(w =>
    {
        w.UseWolverineManagedEventSubscriptionDistribution = true;
        // several databases: Wolverine keeps its node registry, leadership and recurring jobs in the master and a durable
        // inbox/outbox in each agency database (the envelopes commit with that agency's events); one data source per database
        if (databases.Several) w.MasterDataSource = databases.Master;
    });
// the calendar and agency settings every node caches: read before the first request, kept coherent across nodes
builder.Services.AddSingleton(ReferenceCacheSettings.From(config));
builder.Services.AddHostedService<ReferenceListener>();
builder.Services.AddHostedService<NodeAnnouncement>();
builder.Services.AddHostedService<StorageTuning>();
// a projection shard of this node stopped by an error (a move between nodes racing: ProgressionOutOfOrder) or stalled
// behind the high-water mark is restarted (Cluster/ProjectionWatchdog.cs, README "Several nodes"; /health/projections)
builder.Services.AddSingleton(ProjectionWatchdogSettings.From(config));
builder.Services.AddSingleton<ProjectionWatchdog>();
builder.Services.AddHostedService<ProjectionWatchdogService>();

// ── Wolverine: transactions applied automatically, durable local queues (scheduled work survives restarts) ──
builder.Host.UseWolverine(opts =>
{
    opts.ApplicationAssembly = typeof(Program).Assembly;
    opts.Policies.AutoApplyTransactions();
    opts.Policies.UseDurableLocalQueues();
    // one of several nodes on one database (Balanced): leader election, node health and the moving of projections
    NodeTimings.From(config).Apply(opts.Durability);
    // Generated handler code is compiled in memory at start-up (see README, "Generated code"); a build that ran
    // `codegen write` may set Disclosure__StaticCodegen=true to load the pre-generated types instead.
    opts.CodeGeneration.TypeLoadMode = config.GetValue("Disclosure:StaticCodegen", false) ? TypeLoadMode.Static : TypeLoadMode.Dynamic;
    opts.UseRuntimeCompilation();

    // who sent a command (the token's subject) travels on the envelope into Marten's LastModifiedBy
    opts.EnableRelayOfUserName = true;
    // every command of a case type goes to the one handler of that case type
    opts.Policies.ForwardHandledTypes(new Disclosure.Host.Cases.CaseCommandTypes());
    // the nightly sweep, just after midnight in China
    opts.Schedules.ScheduleRecurring<Disclosure.Host.Deadlines.SweepDeadlines>("5 0 * * *", BusinessClock.ChinaTimeZone);
    // expired idempotency records (sealed intake answers) are deleted every hour, at 17 minutes past
    opts.Schedules.ScheduleRecurring<Disclosure.Host.Cases.PurgeIdempotencyRecords>("17 * * * *", BusinessClock.ChinaTimeZone);
    // the year-end close: 1 January, 00:00 China time
    opts.Schedules.ScheduleRecurring<Disclosure.Host.YearEnd.CloseYear>("0 0 1 1 *", BusinessClock.ChinaTimeZone);
});
builder.Services.AddWolverineHttp();

// ── access ──
var auth = AuthSettings.From(config, env);
builder.Services.AddSingleton(auth);
// ── search and repeats: the index's tables and projection, the protected applicant keys, the repeat check ──
builder.Services.AddSingleton(Disclosure.Host.Search.SearchSettings.From(config, env, auth));
builder.Services.AddSingleton(new Disclosure.Host.Search.SearchTables(schema));
builder.Services.AddSingleton<Disclosure.Host.Search.ApplicantKeyProtector>();
builder.Services.AddSingleton<Disclosure.Host.Search.SearchIndexProjection>();
builder.Services.AddSingleton<Disclosure.Host.Search.RepeatCheck>();
builder.Services.AddSingleton<Disclosure.Host.Search.ApplicantRequestCounts>();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(auth.Configure);
builder.Services.AddAuthorization();
builder.AddConsole(); // the staff console: Razor Pages under /console, cookie session (Console/ConsoleSetup.cs)

builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    if (!env.IsDevelopment()) c.ProblemDetails.Extensions.Remove("exception");
    if (c.Exception is not null && c.HttpContext.Response.StatusCode == StatusCodes.Status503ServiceUnavailable) c.HttpContext.Response.Headers.RetryAfter = "1";
});
builder.Services.AddHealthChecks().AddCheck<PostgresReady>("postgres", tags: ["ready"])
    .AddCheck<ProjectionsHealth>("projections", tags: ["projections"]);
builder.Services.AddHttpContextAccessor();
builder.Services.AddOpenApi(o =>
{
    OpenApiConventions.Configure(o);
    Disclosure.Host.Search.SearchExamples.Configure(o);
});
// numbers are numbers: a client generator cannot use "integer or string"
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    // overload: a bounded number of requests in flight and a short queue; the rest get 503 at once, never a time-out
    var inFlight = config.GetValue("Limits:MaxConcurrentRequests", 64);
    var queued = config.GetValue("Limits:MaxQueuedRequests", 32);
    o.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, string>(http =>
        http.Request.Path.StartsWithSegments("/health")
            ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("health")
            : System.Threading.RateLimiting.RateLimitPartition.GetConcurrencyLimiter("all", _ => new System.Threading.RateLimiting.ConcurrencyLimiterOptions
            {
                PermitLimit = inFlight, QueueLimit = queued, QueueProcessingOrder = System.Threading.RateLimiting.QueueProcessingOrder.OldestFirst,
            }));
    o.OnRejected = (ctx, _) =>
    {
        var publicLookup = ctx.HttpContext.Request.Path.StartsWithSegments("/public") || ctx.HttpContext.Request.Path.StartsWithSegments("/apply")
            || ctx.HttpContext.Request.Path.StartsWithSegments("/letters");
        ctx.HttpContext.Response.StatusCode = publicLookup ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
        ctx.HttpContext.Response.Headers.RetryAfter = "1";
        return ValueTask.CompletedTask;
    };
    var perMinute = config.GetValue("Limits:PublicRequestsPerMinute", 30);
    // per client address: the public look-up must not become a way to guess query codes
    o.AddPolicy(Disclosure.Host.Letters.PublicLetterStatusEndpoint.RateLimitPolicy, http =>
        System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    // online applications per client address and hour (the form's page views count too): a public form must not fill the
    // worklist. Kestrel always knows the address; a request without one (the in-process test server) has no partition to count in
    var submissionsPerHour = config.GetValue("Limits:PublicSubmissionsPerHour", 60);
    o.AddPolicy(Disclosure.Host.Applications.SubmitApplicationEndpoint.RateLimitPolicy, http => http.Connection.RemoteIpAddress is { } address
        ? System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(address.ToString(),
            _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = submissionsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
        : System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("no-address"));
});

var maxBody = config.GetValue<long>("Limits:MaxRequestBodyBytes", 1_048_576);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);

var app = builder.Build();

app.UseMiddleware<Hardening>(maxBody, app.Services.GetRequiredService<Disclosure.Host.Applications.AttachmentSettings>().MaxBodyBytes);

// a body over the limit that the server notices while reading (Kestrel) is 413, a broken request 400 — never 500
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // PostgreSQL unreachable or refusing for a while (a failover, a restart, every connection slot taken: 53300) is 503 with
    // Retry-After, as overload is: the client retries (an intake with its Idempotency-Key is recorded once), never a 500
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode
        : DatabaseUnavailable.Is(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseSerilogRequestLogging(o =>
{
    o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} → {StatusCode} in {Elapsed:0} ms";
    // this host's logger, not the static one another host in the same process may have replaced (tests run several)
    o.Logger = app.Services.GetService<Serilog.ILogger>();
    // client errors are the client's: information; only the service's own failures are errors
    o.GetLevel = (http, _, e) => e is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error : Serilog.Events.LogEventLevel.Information;
});
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<InputGate>();
app.UseMiddleware<AgencyGate>();

app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = PostgresReady.WriteAsync }).AllowAnonymous();
app.MapHealthChecks("/health/projections", new() { Predicate = c => c.Tags.Contains("projections"), ResponseWriter = ProjectionsHealth.WriteAsync }).AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/docs", o => o.WithTitle("Disclosure API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/docs")).ExcludeFromDescription().AllowAnonymous();

app.MapWolverineEndpoints(o =>
{
    o.TenantId.DetectWith(new AgencyTenant()); // the agency AgencyGate resolved from the route, normalised
    o.MapMartenConcurrencyFailuresToConflict();
    o.RequireAuthorizeOnAll();
    o.RejectUnparseableQueryValues = true;
    o.AddPolicy<RequestRulesPolicy>();
    o.AddPolicy<ApiResponsesPolicy>();
});
app.MapConsole();

return await app.RunJasperFxCommands(args);

public partial class Program;
