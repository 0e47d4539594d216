using System;
using System.Net.Http;
using CampaignAnalytics.Api;
using NodaTime;

namespace CampaignAnalytics.Tests.Api;

public class RateLimitGateTests
{
    private static readonly Instant Now = Instant.FromUtc(2025, 6, 22, 12, 0, 0);

    private static HttpResponseMessage Response(long limit, long remaining, Instant reset, bool lower = false)
    {
        var r = new HttpResponseMessage();
        foreach (var (k, v) in FakeBrazeServer.RateHeaders(limit, remaining, reset.ToDateTimeOffset(), lower))
        {
            r.Headers.TryAddWithoutValidation(k, v);
        }

        return r;
    }

    [Fact]
    public void Unknown_or_ample_quota_does_not_wait()
    {
        var gate = new RateLimitGate();
        Assert.Equal(TimeSpan.Zero, gate.ReserveRequest(Now, 0.05));
        using var r = Response(50_000, 40_000, Now + Duration.FromSeconds(30));
        gate.Observe(r.Headers, Now);
        Assert.Equal(TimeSpan.Zero, gate.ReserveRequest(Now, 0.05));
    }

    [Fact]
    public void Used_up_quota_waits_until_the_reset()
    {
        var gate = new RateLimitGate();
        using var r = Response(100, 0, Now + Duration.FromSeconds(20), lower: true);
        gate.Observe(r.Headers, Now);
        Assert.Equal(TimeSpan.FromSeconds(20) + RateLimitGate.ResetSkew, gate.ReserveRequest(Now, 0.05));

        // After the reset nothing is known any more.
        Assert.Equal(TimeSpan.Zero, gate.ReserveRequest(Now + Duration.FromSeconds(21), 0.05));
    }

    [Fact]
    public void Low_quota_spreads_requests_until_the_reset()
    {
        var gate = new RateLimitGate();
        using var r = Response(1000, 10, Now + Duration.FromSeconds(10));
        gate.Observe(r.Headers, Now);
        var first = gate.ReserveRequest(Now, 0.05);
        var second = gate.ReserveRequest(Now, 0.05);
        var third = gate.ReserveRequest(Now, 0.05);
        Assert.Equal(TimeSpan.Zero, first);
        Assert.Equal(TimeSpan.FromSeconds(1), second);
        Assert.True(third > second, $"{third} > {second}");
    }

    [Fact]
    public void Reset_header_forms()
    {
        var reset = Now + Duration.FromSeconds(42);
        using var epoch = Response(1, 0, reset);
        Assert.Equal(reset, RateLimitGate.ReadReset(epoch.Headers, Now));

        using var delta = new HttpResponseMessage();
        delta.Headers.TryAddWithoutValidation("x-ratelimit-reset", "42");
        Assert.Equal(reset, RateLimitGate.ReadReset(delta.Headers, Now));

        using var retryAfter = new HttpResponseMessage();
        retryAfter.Headers.TryAddWithoutValidation("Retry-After", "42");
        Assert.Equal(reset, RateLimitGate.ReadReset(retryAfter.Headers, Now));

        using var none = new HttpResponseMessage();
        Assert.Null(RateLimitGate.ReadReset(none.Headers, Now));
    }
}
