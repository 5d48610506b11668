using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Disclosure.Host.StaffConsole.Public;

/// <summary>来信选登, first step: the agencies whose published replies can be read.</summary>
[AllowAnonymous, EnableRateLimiting(Disclosure.Host.Letters.PublicLetterStatusEndpoint.RateLimitPolicy)]
public sealed class LetterRepliesIndexModel(IDocumentStore store) : AgencyChoicePage(store);
