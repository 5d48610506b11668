using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>网上申请, first step: the applicant chooses the agency (行政机关) among the registered ones.</summary>
[AllowAnonymous, EnableRateLimiting(Disclosure.Host.Letters.PublicLetterStatusEndpoint.RateLimitPolicy)]
public sealed class ApplyIndexModel(IDocumentStore store) : AgencyChoicePage(store);
