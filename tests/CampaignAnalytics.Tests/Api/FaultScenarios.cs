using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using NodaTime;

namespace CampaignAnalytics.Tests.Api;

/// <summary>A fault the server injects, and the call that meets it.</summary>
public sealed record FaultScenario(
    string Name,
    Func<int, ReceivedRequest, FakeResponse> Respond,
    Func<DataSeriesClient, Task> Act,
    Func<DataSeriesClientOptions, DataSeriesClientOptions>? Configure = null)
{
    public override string ToString() => Name;
}

public static class FaultScenarios
{
    public static readonly DateInterval Range250 = new(new LocalDate(2025, 1, 1), new LocalDate(2025, 9, 7));

    public static readonly LocalDate Day = new(2025, 6, 21);

    public static Task Single(DataSeriesClient c) =>
        c.GetDataSeriesAsync("camp-1", 3, new OffsetDateTime(new LocalDateTime(2025, 6, 22, 0, 0), Offset.Zero));

    public static Task Range(DataSeriesClient c) => c.GetRangeAsync("camp-1", new DateInterval(Day.PlusDays(-9), Day));

    public static string ErrorBody(string message) => "{\"message\":\"" + message + "\",\"errors\":[\"e1\",{\"code\":7}]}";

    public static readonly FaultScenario Unauthorized = new("401", (_, _) => new FakeResponse(401, "{\"message\":\"Invalid API key: " + Harness.ApiKey + "\"}"), Single);

    public static readonly FaultScenario Forbidden = new("403", (_, _) => new FakeResponse(403, "{\"message\":\"Forbidden\"}"), Single);

    public static readonly FaultScenario BadRequest = new("400", (_, r) => new FakeResponse(400, ErrorBody("campaign_id must be a string of the campaign api identifier")), Single);

    public static readonly FaultScenario NotFound = new("404", (_, _) => new FakeResponse(404, "<html>Not Found, Bearer " + Harness.ApiKey + "</html>"), Single);

    public static readonly FaultScenario ServerErrorsThenSuccess = new(
        "500,503,200", (n, r) => n switch { 1 => new FakeResponse(500, "oops"), 2 => new FakeResponse(503, "{\"message\":\"busy\"}"), _ => FakeBrazeServer.Emulate(r) }, Single);

    public static readonly FaultScenario BudgetSpent = new(
        "always 503", (_, _) => new FakeResponse(503, "{\"message\":\"Service Unavailable\"}"), Single, o => o with { MaxRetryAttempts = 2 });

    public static readonly FaultScenario Malformed = new(
        "malformed 200", (_, _) => new FakeResponse(200, "{\"message\":\"success\",\"data\":[{\"time\":\"2025-06-19\",}"), Single);

    public static readonly FaultScenario Slow = new(
        // The server would answer after 30 s (real time; its delay is cut when the server stops); the client's attempt
        // timeout is 10 s scaled by the harness's 0.02, so each attempt gives up after 0.2 s.
        "slow", (_, r) => FakeBrazeServer.Emulate(r) with { Delay = TimeSpan.FromSeconds(30) }, Single,
        o => o with { AttemptTimeout = TimeSpan.FromSeconds(10), MaxRetryAttempts = 1 });

    public static readonly FaultScenario RateLimitedThenSuccess = new(
        "429 then 200",
        (n, r) => n == 1
            ? new FakeResponse(429, "{\"message\":\"rate limited\"}", FakeBrazeServer.RateHeaders(50000, 0, DateTimeOffset.UtcNow.AddSeconds(2)))
            : FakeBrazeServer.Emulate(r),
        Single);

    public static readonly FaultScenario RateLimitedTooLong = new(
        "429 reset too far",
        (_, _) => new FakeResponse(429, "{\"message\":\"rate limited\"}", FakeBrazeServer.RateHeaders(50000, 0, DateTimeOffset.UtcNow.AddHours(1))),
        Single);

    public static readonly FaultScenario DoubledDay = new(
        "doubled day", (_, r) => FakeBrazeServer.Emulate(r, d => d == Day.PlusDays(-3) ? new[] { d, d } : new[] { d }), Range);

    public static readonly FaultScenario MissingDay = new(
        "missing day", (_, r) => FakeBrazeServer.Emulate(r, d => d == Day.PlusDays(-4) ? Array.Empty<LocalDate>() : new[] { d }), Range);

    public static readonly FaultScenario DayOutside = new(
        "day outside", (_, r) => FakeBrazeServer.Emulate(r, d => d == Day ? new[] { d, d.PlusDays(1) } : new[] { d }), Range);

    public static readonly FaultScenario Refused = new(
        "connection refused", (_, r) => FakeBrazeServer.Emulate(r), Single,
        o => o with { Instance = BrazeInstance.FromUrl(new Uri("http://127.0.0.1:1/")), MaxRetryAttempts = 1 });

    public static IEnumerable<FaultScenario> All => new[]
    {
        Unauthorized, Forbidden, BadRequest, NotFound, ServerErrorsThenSuccess, BudgetSpent, Malformed, Slow,
        RateLimitedThenSuccess, RateLimitedTooLong, DoubledDay, MissingDay, DayOutside, Refused,
    };

    public static async Task<(Harness Harness, Exception? Error)> RunAsync(FaultScenario scenario, CancellationToken cancellationToken = default)
    {
        var h = new Harness(scenario.Configure);
        h.Server.Handler = r => Task.FromResult(scenario.Respond(r.Number, r));
        try
        {
            await scenario.Act(h.Client).WaitAsync(cancellationToken);
            return (h, null);
        }
        catch (Exception ex)
        {
            return (h, ex);
        }
    }
}
