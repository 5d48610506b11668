using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Disclosure.Host.Infrastructure;

/// <summary>
/// Puts <see cref="RequestRules"/> in front of every endpoint that takes a body — before its own <c>Validate</c> method
/// and before anything reads or writes — so no endpoint can forget it. A body the endpoint declares nullable may be
/// missing; any other endpoint answers a missing or <c>null</c> body with 400.
/// </summary>
public sealed class RequestRulesPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HasRequestType && c.RequestType is { } t && t != typeof(string)))
        {
            var body = chain.Method.Method.GetParameters().FirstOrDefault(p => p.ParameterType == chain.RequestType);
            var optional = body is not null && new NullabilityInfoContext().Create(body).ReadState == NullabilityState.Nullable;
            var method = typeof(RequestRules).GetMethod(optional ? nameof(RequestRules.ValidateOptional) : nameof(RequestRules.Validate))!
                .MakeGenericMethod(chain.RequestType!);
            var call = new MethodCall(typeof(RequestRules), method) { CommentText = "The request policy: text, codes, dates, ranges, a body" };
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
        }
    }
}
