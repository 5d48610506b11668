using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>网上写信, first step: the writer chooses the agency among the registered ones.</summary>
[AllowAnonymous, EnableRateLimiting(Disclosure.Host.Letters.PublicLetterStatusEndpoint.RateLimitPolicy)]
public sealed class WriteLetterIndexModel(IDocumentStore store) : AgencyChoicePage(store);
