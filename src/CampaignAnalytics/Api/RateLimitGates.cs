using System;

namespace CampaignAnalytics.Api;

/// <summary>
/// Braze's rate-limit buckets (PORTFOLIO-ENDPOINTS.md, from <c>api_limits.md</c>): each has its own quota and its own
/// <c>X-RateLimit-*</c> headers, so each needs its own gate.
/// </summary>
internal enum RateLimitBucket
{
    /// <summary><c>/campaigns/data_series</c> alone: 50,000 requests a minute.</summary>
    DataSeries,

    /// <summary>Every other export endpoint (lists, details, Canvas, sends, KPIs): 250,000 requests an hour, shared.</summary>
    Shared,
}

/// <summary>
/// One <see cref="RateLimitGate"/> per <see cref="RateLimitBucket"/>: a request's bucket is decided by its path, so a
/// used-up data-series quota never holds back a details request, and the other way round.
/// </summary>
internal sealed class RateLimitGates
{
    /// <summary>The path of the endpoint with a bucket of its own.</summary>
    private const string DataSeriesPath = "/campaigns/data_series";

    private readonly RateLimitGate _dataSeries = new();
    private readonly RateLimitGate _shared = new();

    /// <summary>The bucket of a request: <see cref="RateLimitBucket.DataSeries"/> for a path ending in <c>/campaigns/data_series</c>, else shared.</summary>
    /// <param name="requestUri">The request's absolute URI (a base URL may add a path prefix); null counts as shared.</param>
    public static RateLimitBucket BucketOf(Uri? requestUri)
    {
        var path = requestUri is null ? string.Empty : requestUri.IsAbsoluteUri ? requestUri.AbsolutePath : requestUri.OriginalString.Split('?')[0];
        return path.TrimEnd('/').EndsWith(DataSeriesPath, StringComparison.OrdinalIgnoreCase) ? RateLimitBucket.DataSeries : RateLimitBucket.Shared;
    }

    /// <summary>The gate of a bucket.</summary>
    /// <param name="bucket">The bucket.</param>
    public RateLimitGate this[RateLimitBucket bucket] => bucket == RateLimitBucket.DataSeries ? _dataSeries : _shared;

    /// <summary>The gate of a request's bucket (see <see cref="BucketOf"/>).</summary>
    /// <param name="requestUri">The request's URI.</param>
    public RateLimitGate For(Uri? requestUri) => this[BucketOf(requestUri)];
}
