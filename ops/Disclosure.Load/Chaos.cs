namespace Disclosure.Load; public static class Chaos { public static Task<int> Client(Options o) => Task.FromResult(2); public static Task<int> Verify(Options o) => Task.FromResult(2); }
