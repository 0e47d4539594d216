using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Api;

/// <summary>
/// One request of a range: the <see cref="Days"/> it covers and the <c>ending_at</c> sent for them — the start of
/// the day after the last one in the report zone, since Braze returns the <c>length</c> days before a midnight
/// <c>ending_at</c>.
/// </summary>
/// <param name="Days">The days the request covers (at most 100).</param>
/// <param name="EndingAt">The <c>ending_at</c> sent.</param>
public sealed record DataSeriesChunk(DateInterval Days, OffsetDateTime EndingAt)
{
    /// <summary>The <c>length</c> sent: the number of days covered.</summary>
    public int Length => Days.Length;

    /// <summary>The chunk printed by the record's ToString, culture-independent (days as yyyy-MM-dd..yyyy-MM-dd, <c>ending_at</c> in extended ISO-8601).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Days), Days),
            (nameof(EndingAt), EndingAt),
            (nameof(Length), Length));
}

/// <summary>Progress of a multi-request fetch: reported after each request completes.</summary>
/// <param name="RequestsDone">Requests completed so far.</param>
/// <param name="RequestsTotal">Requests the fetch makes in all.</param>
/// <param name="CampaignId">The campaign of the request just completed.</param>
/// <param name="Chunk">The days of the request just completed.</param>
public sealed record FetchProgress(int RequestsDone, int RequestsTotal, string CampaignId, DateInterval Chunk)
{
    /// <summary>The progress printed by the record's ToString, culture-independent (the chunk as yyyy-MM-dd..yyyy-MM-dd).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(RequestsDone), RequestsDone),
            (nameof(RequestsTotal), RequestsTotal),
            (nameof(CampaignId), CampaignId),
            (nameof(Chunk), Chunk));
}

/// <summary>Why a request waits (see <see cref="FetchWait"/>).</summary>
public enum FetchWaitReason
{
    /// <summary>Braze's rate limit is used up (a 429, or <c>X-RateLimit-Remaining</c> 0): waiting for its reset.</summary>
    RateLimit,

    /// <summary>The attempt failed (5xx, 408, connection failure, attempt timeout): waiting before the next one.</summary>
    Retry,

    /// <summary>The rate limit is nearly used up: requests are spread over the time left until its reset.</summary>
    Pacing,

    /// <summary>Braze has not answered yet: the wait so far (reported once per attempt).</summary>
    SlowAnswer,
}

/// <summary>
/// A wait of one request, reported when it starts so that a user interface can show it (a rate-limit reset or a
/// retry backoff can take a minute). Never holds the API key.
/// </summary>
/// <param name="Reason">Why the request waits.</param>
/// <param name="Request">The request, described without secrets (<c>campaign_id=… length=… ending_at=…</c>).</param>
/// <param name="Delay">How long it waits (for <see cref="FetchWaitReason.SlowAnswer"/>: how long it has waited so far).</param>
/// <param name="ResetAt">When the rate limit resets, when known.</param>
/// <param name="Attempt">The attempt that comes after the wait (for <see cref="FetchWaitReason.SlowAnswer"/>: the one waited on); 0 when not counted.</param>
/// <param name="MaxAttempts">The most attempts the request may make; 0 when not counted.</param>
/// <param name="Cause">What caused the wait, e.g. <c>HTTP 503</c>; null when nothing failed.</param>
public sealed record FetchWait(FetchWaitReason Reason, string Request, TimeSpan Delay, Instant? ResetAt, int Attempt, int MaxAttempts, string? Cause)
{
    /// <summary>
    /// The wait as one line for people, e.g. <c>retrying campaign_id=… after HTTP 503 in 4 s (attempt 2 of 5)</c> or
    /// <c>waiting 42 s for Braze's rate limit to reset (at 2025-06-22T10:15:00Z) before campaign_id=…</c>.
    /// </summary>
    public string Message
    {
        get
        {
            var seconds = Seconds(Delay);
            var attempt = Attempt > 0 && MaxAttempts > 0 ? string.Create(CultureInfo.InvariantCulture, $" (attempt {Attempt} of {MaxAttempts})") : string.Empty;
            return Reason switch
            {
                FetchWaitReason.RateLimit => $"waiting {seconds} for Braze's rate limit to reset"
                    + (ResetAt is { } reset ? $" (at {UtcText(reset)})" : string.Empty)
                    + (Cause is null ? string.Empty : $" after {Cause}")
                    + $" before {Request}{attempt}",
                FetchWaitReason.Retry => $"retrying {Request} after {Cause ?? "a failure"} in {seconds}{attempt}",
                FetchWaitReason.Pacing => $"Braze's rate limit is nearly used up: waiting {seconds} before {Request}",
                _ => $"still waiting for Braze's answer to {Request} after {seconds}{attempt}",
            };
        }
    }

    /// <summary>A delay as whole seconds, rounded up: <c>42 s</c>.</summary>
    /// <param name="delay">The delay.</param>
    internal static string Seconds(TimeSpan delay) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (long)Math.Ceiling(delay.TotalSeconds))} s");

    /// <summary>An instant in UTC to the second: <c>2025-06-22T10:15:00Z</c>.</summary>
    /// <param name="instant">The instant.</param>
    internal static string UtcText(Instant instant) =>
        instant.ToString("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The wait printed by the record's ToString, culture-independent.</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Reason), Reason),
            (nameof(Request), Request),
            (nameof(Delay), Delay),
            (nameof(ResetAt), ResetAt),
            (nameof(Attempt), Attempt),
            (nameof(MaxAttempts), MaxAttempts),
            (nameof(Cause), Cause));
}
