using System;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using NodaTime;

namespace CampaignAnalytics.Api;

/// <summary>What <see cref="DataSeriesClient{TResponse, TDay}.GetRangeAsync"/> does when Braze leaves out days of the requested range.</summary>
public enum MissingDayPolicy
{
    /// <summary>
    /// Fail with a <see cref="DataSeriesIntegrityException"/> naming the missing dates (the default).
    /// Braze returns one point per day, zero stats included, for a campaign that existed over the whole range.
    /// </summary>
    Throw,

    /// <summary>
    /// Accept the gap: the merged response holds only the days Braze returned. Braze documents <c>length</c>
    /// as the <em>maximum</em> number of days, so days before a campaign existed (or in the future) may be absent.
    /// </summary>
    Omit,
}

/// <summary>
/// Settings of a <see cref="DataSeriesClient"/>. <see cref="ToString"/> never shows the API key, JSON serialization
/// leaves it out, and equality and the hash code ignore it (two options differing only in their key are equal).
/// </summary>
public sealed record DataSeriesClientOptions
{
    /// <summary>Creates options for an instance and a REST API key.</summary>
    /// <param name="instance">The Braze instance (REST endpoint).</param>
    /// <param name="apiKey">A REST API key with the <c>campaigns.data_series</c> permission.</param>
    public DataSeriesClientOptions(BrazeInstance instance, string apiKey)
    {
        Instance = instance;
        ApiKey = apiKey;
    }

    /// <summary>The Braze instance (REST endpoint) to call.</summary>
    public BrazeInstance Instance { get; init; }

    /// <summary>
    /// The REST API key, sent as <c>Authorization: Bearer</c>. Never logged, never in messages, <see cref="ToString"/>
    /// or JSON, and not part of equality or the hash code.
    /// </summary>
    [JsonIgnore]
    public string ApiKey { get; init; }

    /// <summary>
    /// The zone the report's calendar days are counted in: a range's chunk ends at the next day's start in this
    /// zone. Defaults to UTC.
    /// </summary>
    public DateTimeZone ReportZone { get; init; } = DateTimeZone.Utc;

    /// <summary>How many requests may be in flight at once in <see cref="DataSeriesClient{TResponse, TDay}.FetchEachAsync"/>, <see cref="DataSeriesClient{TResponse, TDay}.GetManyAsync"/> and <see cref="DataSeriesClient{TResponse, TDay}.GetRangeAsync"/>, across all campaigns. Default 8.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>The timeout of one attempt (headers and body). Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a 5xx, a connection failure or an attempt timeout (so at most this plus one attempts). Default 4.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>The first retry delay; later ones double, with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single retry delay. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times one request may be retried after a 429. Default 3.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>
    /// The longest wait for a rate-limit reset (after a 429, or before a request when the quota is used up).
    /// A reset further away fails with <see cref="BrazeRateLimitedException"/> at once. Default 65 s.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(65);

    /// <summary>
    /// When <c>X-RateLimit-Remaining</c> falls below this share of <c>X-RateLimit-Limit</c>, requests are spread
    /// evenly over the time left until the reset. Default 0.05 (5 %); 0 turns spreading off.
    /// </summary>
    public double RateLimitSlowdownFraction { get; init; } = 0.05;

    /// <summary>What to do when Braze leaves out days of a requested range. Default <see cref="MissingDayPolicy.Throw"/>.</summary>
    public MissingDayPolicy MissingDays { get; init; } = MissingDayPolicy.Throw;

    /// <summary>The shortest API key accepted (Braze's REST API keys are far longer); shorter ones are surely wrong.</summary>
    public const int MinApiKeyLength = 8;

    /// <summary>Checks the settings; throws <see cref="ArgumentException"/> naming the bad one (never showing the key).</summary>
    public void Validate()
    {
        if (Instance is null)
        {
            throw new ArgumentException("Instance is required.", nameof(Instance));
        }

        if (DescribeApiKeyProblem(ApiKey) is { } problem)
        {
            throw new ArgumentException("ApiKey " + problem + ".", nameof(ApiKey));
        }

        if (ReportZone is null)
        {
            throw new ArgumentException("ReportZone is required.", nameof(ReportZone));
        }

        Require(MaxConcurrency >= 1, nameof(MaxConcurrency), "must be at least 1");
        Require(AttemptTimeout > TimeSpan.Zero, nameof(AttemptTimeout), "must be positive");
        Require(MaxRetryAttempts >= 0, nameof(MaxRetryAttempts), "must not be negative");
        Require(RetryBaseDelay >= TimeSpan.Zero, nameof(RetryBaseDelay), "must not be negative");
        Require(MaxRetryDelay >= RetryBaseDelay, nameof(MaxRetryDelay), "must not be less than RetryBaseDelay");
        Require(MaxRateLimitRetries >= 0, nameof(MaxRateLimitRetries), "must not be negative");
        Require(MaxRateLimitWait >= TimeSpan.Zero, nameof(MaxRateLimitWait), "must not be negative");
        Require(RateLimitSlowdownFraction is >= 0 and < 1, nameof(RateLimitSlowdownFraction), "must be in [0, 1)");
        Require(Enum.IsDefined(MissingDays), nameof(MissingDays), "is not a defined value");
    }

    /// <summary>
    /// What is wrong with an API key, as the end of a sentence about it ("is not set", "is shorter than 8
    /// characters", ...), or null when it can be sent. Never quotes the key.
    /// </summary>
    /// <param name="apiKey">The key.</param>
    internal static string? DescribeApiKeyProblem(string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            return "is not set";
        }

        foreach (var c in apiKey)
        {
            // An HTTP header carries printable ASCII; a space or line break is a copy-and-paste slip.
            if (c is <= ' ' or > '~')
            {
                return "contains a space, a line break or another character an HTTP header cannot carry (only printable ASCII is allowed)";
            }
        }

        return apiKey.Length < MinApiKeyLength
            ? string.Create(CultureInfo.InvariantCulture, $"is shorter than {MinApiKeyLength} characters, too short for a Braze REST API key")
            : null;
    }

    /// <summary>Compares every setting except <see cref="ApiKey"/> (so that no comparison or hash depends on the secret).</summary>
    /// <param name="other">The other options.</param>
    public bool Equals(DataSeriesClientOptions? other) =>
        other is not null
        && Equals(Instance, other.Instance)
        && Equals(ReportZone, other.ReportZone)
        && MaxConcurrency == other.MaxConcurrency
        && AttemptTimeout == other.AttemptTimeout
        && MaxRetryAttempts == other.MaxRetryAttempts
        && RetryBaseDelay == other.RetryBaseDelay
        && MaxRetryDelay == other.MaxRetryDelay
        && MaxRateLimitRetries == other.MaxRateLimitRetries
        && MaxRateLimitWait == other.MaxRateLimitWait
        && RateLimitSlowdownFraction.Equals(other.RateLimitSlowdownFraction)
        && MissingDays == other.MissingDays;

    /// <summary>A hash of every setting except <see cref="ApiKey"/>, consistent with <see cref="Equals(DataSeriesClientOptions?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Instance);
        hash.Add(ReportZone);
        hash.Add(MaxConcurrency);
        hash.Add(AttemptTimeout);
        hash.Add(MaxRetryAttempts);
        hash.Add(RetryBaseDelay);
        hash.Add(MaxRetryDelay);
        hash.Add(MaxRateLimitRetries);
        hash.Add(MaxRateLimitWait);
        hash.Add(RateLimitSlowdownFraction);
        hash.Add(MissingDays);
        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Instance = ").Append(Instance)
            .Append(", ApiKey = ").Append(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")
            .Append(", ReportZone = ").Append(ReportZone?.Id)
            .Append(", MaxConcurrency = ").Append(MaxConcurrency)
            .Append(", AttemptTimeout = ").Append(AttemptTimeout)
            .Append(", MaxRetryAttempts = ").Append(MaxRetryAttempts)
            .Append(", RetryBaseDelay = ").Append(RetryBaseDelay)
            .Append(", MaxRetryDelay = ").Append(MaxRetryDelay)
            .Append(", MaxRateLimitRetries = ").Append(MaxRateLimitRetries)
            .Append(", MaxRateLimitWait = ").Append(MaxRateLimitWait)
            .Append(", RateLimitSlowdownFraction = ").Append(RateLimitSlowdownFraction.ToString(CultureInfo.InvariantCulture))
            .Append(", MissingDays = ").Append(MissingDays);
        return true;
    }

    private static void Require(bool ok, string name, string what)
    {
        if (!ok)
        {
            throw new ArgumentException($"{name} {what}.", name);
        }
    }
}
