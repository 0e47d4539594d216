using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace CampaignAnalytics.Testing.FakeBraze;

/// <summary>Braze's rate-limit buckets: <c>/campaigns/data_series</c> alone, and the hourly bucket every other export endpoint shares.</summary>
public enum FakeBucket
{
    /// <summary><c>/campaigns/data_series</c>: 50,000 requests a minute.</summary>
    DataSeries,

    /// <summary>Lists, details, Canvas, sends (and KPIs, events, segments): 250,000 requests an hour, shared.</summary>
    Shared,
}

/// <summary>A quota: <paramref name="Limit"/> requests per fixed window of <paramref name="Window"/> (whole seconds, aligned on the Unix epoch).</summary>
/// <param name="Limit">Requests per window.</param>
/// <param name="Window">The window's length; rounded up to whole seconds, at least one.</param>
public sealed record FakeRateLimit(long Limit, TimeSpan Window)
{
    /// <summary>Braze's data-series bucket: 50,000 a minute.</summary>
    public static FakeRateLimit BrazeDataSeries { get; } = new(50_000, TimeSpan.FromMinutes(1));

    /// <summary>Braze's shared bucket: 250,000 an hour.</summary>
    public static FakeRateLimit BrazeShared { get; } = new(250_000, TimeSpan.FromHours(1));

    /// <summary>The window in whole seconds.</summary>
    internal long WindowSeconds => Math.Max(1, (long)Math.Ceiling(Window.TotalSeconds));
}

/// <summary>
/// One bucket's state: each request takes one from the window's quota; at 0 the server answers 429 until the window
/// ends. Reset times are whole epoch seconds, as in <c>X-RateLimit-Reset</c>.
/// </summary>
public sealed class FakeRateLimitBucket
{
    private readonly object _lock = new();
    private long _window = long.MinValue;
    private long _remaining;
    private long _exhaustedUntil = long.MinValue;

    /// <summary>Creates the bucket.</summary>
    /// <param name="name">Which bucket.</param>
    /// <param name="limit">Its quota.</param>
    public FakeRateLimitBucket(FakeBucket name, FakeRateLimit limit)
    {
        Name = name;
        Limit = limit ?? throw new ArgumentNullException(nameof(limit));
    }

    /// <summary>Which bucket.</summary>
    public FakeBucket Name { get; }

    /// <summary>Its quota.</summary>
    public FakeRateLimit Limit { get; }

    /// <summary>
    /// Empties the quota now and keeps it empty for at least <paramref name="duration"/> (rounded up to a whole
    /// second): every request until then is answered 429 with <c>X-RateLimit-Remaining: 0</c>.
    /// </summary>
    /// <param name="duration">How long the quota stays empty.</param>
    public void Exhaust(TimeSpan duration)
    {
        lock (_lock)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            _exhaustedUntil = (long)Math.Ceiling((now + duration.TotalMilliseconds) / 1000.0);
        }
    }

    /// <summary>Takes one request from the quota at <paramref name="now"/>.</summary>
    /// <param name="now">The time of the request.</param>
    /// <returns>What remained before the request (0: it must be refused), what remains after it, and the reset in epoch seconds.</returns>
    internal (long Before, long After, long Reset) Take(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeMilliseconds() / 1000;
        lock (_lock)
        {
            if (seconds < _exhaustedUntil)
            {
                return (0, 0, _exhaustedUntil);
            }

            var window = seconds / Limit.WindowSeconds;
            if (window != _window)
            {
                _window = window;
                _remaining = Limit.Limit;
            }

            var before = _remaining;
            if (_remaining > 0)
            {
                _remaining--;
            }

            return (before, _remaining, (window + 1) * Limit.WindowSeconds);
        }
    }

    /// <summary>The three headers of a response.</summary>
    internal IReadOnlyDictionary<string, string> Headers(long remaining, long reset) => new Dictionary<string, string>
    {
        ["X-RateLimit-Limit"] = Limit.Limit.ToString(CultureInfo.InvariantCulture),
        ["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture),
        ["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>What an injected fault does.</summary>
public enum FakeFaultKind
{
    /// <summary>500 with a JSON body.</summary>
    ServerError,

    /// <summary>429 with <c>X-RateLimit-Remaining: 0</c> and a reset <see cref="FakeFault.Delay"/> away (1 s when zero).</summary>
    TooManyRequests,

    /// <summary>No answer until the client gives up or the server stops.</summary>
    Timeout,

    /// <summary>200 with a truncated JSON body.</summary>
    MalformedBody,

    /// <summary>200 with Braze's error envelope: <c>{"message":"Invalid campaign_id"}</c>.</summary>
    ErrorEnvelope,

    /// <summary>The normal answer, <see cref="FakeFault.Delay"/> later.</summary>
    Latency,
}

/// <summary>
/// A fault injected into the answers of one endpoint (or all) for one id (or all): a campaign, Canvas or send id.
/// Applies to the first <see cref="Times"/> matching requests.
/// </summary>
/// <param name="Kind">What the fault does.</param>
public sealed record FakeFault(FakeFaultKind Kind)
{
    private int _used;

    /// <summary>The endpoint's path, e.g. <c>/campaigns/data_series</c>; null for every endpoint.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The <c>campaign_id</c>, <c>canvas_id</c> or <c>send_id</c> it applies to; null for every request.</summary>
    public string? Id { get; init; }

    /// <summary>How many matching requests it applies to; every one by default.</summary>
    public int Times { get; init; } = int.MaxValue;

    /// <summary>The latency of <see cref="FakeFaultKind.Latency"/>; the time to the reset of <see cref="FakeFaultKind.TooManyRequests"/>.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>How many requests it was applied to.</summary>
    public int Used => Volatile.Read(ref _used);

    /// <summary>True when it applies to the request, counting it.</summary>
    internal bool TryApply(ReceivedRequest request)
    {
        if (Endpoint is not null && !string.Equals(Endpoint.TrimEnd('/'), request.Path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Id is not null && !string.Equals(Id, request.Id, StringComparison.Ordinal))
        {
            return false;
        }

        if (Interlocked.Increment(ref _used) <= Times)
        {
            return true;
        }

        Interlocked.Decrement(ref _used);
        return false;
    }
}
