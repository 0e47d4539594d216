using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Api;

/// <summary>
/// Braze answered a request with an error (or could not be reached within the retry budget). Messages name the
/// request (campaign id, length, ending_at) but never the API key.
/// </summary>
public class BrazeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="statusCode">The HTTP status, or null when no response arrived.</param>
    /// <param name="brazeMessage">The <c>message</c> field of Braze's body, when it had one.</param>
    /// <param name="errors">The <c>errors</c> of Braze's body (empty when absent).</param>
    /// <param name="request">The request, described without secrets, e.g. <c>campaign_id=abc length=100 ending_at=…</c>.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BrazeApiException(string message, HttpStatusCode? statusCode, string? brazeMessage, IReadOnlyList<string>? errors, string? request, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        BrazeMessage = brazeMessage;
        Errors = errors ?? Array.Empty<string>();
        Request = request;
    }

    /// <summary>The HTTP status, or null when no response arrived (connection failures, timeouts).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>message</c> field of Braze's error body; null when the body had none or was not JSON.</summary>
    public string? BrazeMessage { get; }

    /// <summary>The <c>errors</c> of Braze's error body (non-string elements as raw JSON); empty when absent.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The request, described without secrets.</summary>
    public string? Request { get; }
}

/// <summary>400: Braze rejected the request's parameters; <see cref="BrazeApiException.BrazeMessage"/> says why.</summary>
public sealed class BrazeBadRequestException : BrazeApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="brazeMessage">Braze's message.</param>
    /// <param name="errors">Braze's errors.</param>
    /// <param name="request">The request, described without secrets.</param>
    public BrazeBadRequestException(string message, string? brazeMessage, IReadOnlyList<string>? errors, string? request)
        : base(message, HttpStatusCode.BadRequest, brazeMessage, errors, request)
    {
    }
}

/// <summary>401: the API key is wrong, or it belongs to another Braze instance than the one called.</summary>
public sealed class BrazeUnauthorizedException : BrazeApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="brazeMessage">Braze's message.</param>
    /// <param name="errors">Braze's errors.</param>
    /// <param name="request">The request, described without secrets.</param>
    public BrazeUnauthorizedException(string message, string? brazeMessage, IReadOnlyList<string>? errors, string? request)
        : base(message, HttpStatusCode.Unauthorized, brazeMessage, errors, request)
    {
    }
}

/// <summary>403: the key lacks the <c>campaigns.data_series</c> permission (or the plan lacks the endpoint).</summary>
public sealed class BrazeForbiddenException : BrazeApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="brazeMessage">Braze's message.</param>
    /// <param name="errors">Braze's errors.</param>
    /// <param name="request">The request, described without secrets.</param>
    public BrazeForbiddenException(string message, string? brazeMessage, IReadOnlyList<string>? errors, string? request)
        : base(message, HttpStatusCode.Forbidden, brazeMessage, errors, request)
    {
    }
}

/// <summary>404: the URL is wrong (usually a wrong instance URL or path).</summary>
public sealed class BrazeNotFoundException : BrazeApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="brazeMessage">Braze's message.</param>
    /// <param name="errors">Braze's errors.</param>
    /// <param name="request">The request, described without secrets.</param>
    public BrazeNotFoundException(string message, string? brazeMessage, IReadOnlyList<string>? errors, string? request)
        : base(message, HttpStatusCode.NotFound, brazeMessage, errors, request)
    {
    }
}

/// <summary>
/// 429 that waiting did not cure: the rate limit stayed exhausted, or its reset was too far away. Also thrown
/// without sending the request (then <see cref="BrazeApiException.StatusCode"/> is null) when an earlier response said
/// <c>X-RateLimit-Remaining: 0</c> and the reset is further away than <see cref="DataSeriesClientOptions.MaxRateLimitWait"/>.
/// </summary>
public sealed class BrazeRateLimitedException : BrazeApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="resetAt">When the limit resets (from <c>X-RateLimit-Reset</c>), if known.</param>
    /// <param name="brazeMessage">Braze's message.</param>
    /// <param name="errors">Braze's errors.</param>
    /// <param name="request">The request, described without secrets.</param>
    public BrazeRateLimitedException(string message, Instant? resetAt, string? brazeMessage, IReadOnlyList<string>? errors, string? request)
        : base(message, HttpStatusCode.TooManyRequests, brazeMessage, errors, request)
    {
        ResetAt = resetAt;
    }

    /// <summary>Creates the exception for a request not sent because the quota is used up until <paramref name="resetAt"/>.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="resetAt">When the limit resets.</param>
    /// <param name="request">The request, described without secrets.</param>
    internal BrazeRateLimitedException(string message, Instant resetAt, string? request)
        : base(message, statusCode: null, brazeMessage: null, errors: null, request)
    {
        ResetAt = resetAt;
    }

    /// <summary>When the rate limit resets, if Braze said.</summary>
    public Instant? ResetAt { get; }
}

/// <summary>
/// A successful HTTP status whose body is Braze's error envelope instead of data: a <c>message</c> other than
/// <c>success</c> (e.g. <c>{"message":"Invalid campaign_id"}</c>, in <see cref="BrazeApiException.BrazeMessage"/>), or
/// no <c>data</c> array.
/// </summary>
public sealed class BrazeErrorResponseException : BrazeApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="statusCode">The HTTP status (2xx).</param>
    /// <param name="brazeMessage">The body's <c>message</c>.</param>
    /// <param name="errors">The body's <c>errors</c>.</param>
    /// <param name="request">The request, described without secrets.</param>
    /// <param name="isRefusal">True when Braze refused the request (its status is not the schema's success value); false when it said success but sent no data.</param>
    public BrazeErrorResponseException(string message, HttpStatusCode statusCode, string? brazeMessage, IReadOnlyList<string>? errors, string? request, bool isRefusal)
        : base(message, statusCode, brazeMessage, errors, request)
    {
        IsRefusal = isRefusal;
    }

    /// <summary>True when Braze refused the request (its <c>message</c> is not the schema's success value, <c>success</c>); false when it said success but sent no data.</summary>
    public bool IsRefusal { get; }
}

/// <summary>
/// The retry budget is spent: Braze kept answering 5xx, or could not be reached or did not answer within the
/// attempt timeout. <see cref="BrazeApiException.StatusCode"/> is the last status, null when no response arrived.
/// </summary>
public sealed class BrazeServerException : BrazeApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="statusCode">The last HTTP status, or null when the last attempt got no response.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="brazeMessage">Braze's message.</param>
    /// <param name="errors">Braze's errors.</param>
    /// <param name="request">The request, described without secrets.</param>
    /// <param name="innerException">The last attempt's exception, if any.</param>
    public BrazeServerException(string message, HttpStatusCode? statusCode, int attempts, string? brazeMessage, IReadOnlyList<string>? errors, string? request, Exception? innerException = null)
        : base(message, statusCode, brazeMessage, errors, request, innerException)
    {
        Attempts = attempts;
    }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; }
}

/// <summary>
/// A 200 response whose body is not a valid data series. Keeps the parser's location (JSON path, line, byte
/// offset; the original <see cref="CampaignJsonException"/> is the inner exception) and names the request.
/// </summary>
public sealed class DataSeriesFormatException : JsonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="campaignId">The campaign requested.</param>
    /// <param name="request">The request, described without secrets.</param>
    /// <param name="inner">The parser's exception.</param>
    public DataSeriesFormatException(string campaignId, string request, JsonException inner)
        : this(campaignId, request, inner, apiKey: null)
    {
    }

    /// <summary>Creates the exception with the API key masked in its message and in the parser's exception.</summary>
    /// <param name="campaignId">The campaign requested.</param>
    /// <param name="request">The request, described without secrets.</param>
    /// <param name="inner">The parser's exception (a copy with the key masked when its message holds the key).</param>
    /// <param name="apiKey">The key to mask; null for none.</param>
    internal DataSeriesFormatException(string campaignId, string request, JsonException inner, string? apiKey)
        : this(campaignId, request, inner, apiKey, "data series")
    {
    }

    /// <summary>Creates the exception for a body of another endpoint, with the API key masked.</summary>
    /// <param name="id">The campaign or Canvas requested (or the list).</param>
    /// <param name="request">The request, described without secrets.</param>
    /// <param name="inner">The parser's exception.</param>
    /// <param name="apiKey">The key to mask; null for none.</param>
    /// <param name="body">What the body should have been: <c>data series</c>, or e.g. <c>/campaigns/list response</c>.</param>
    internal DataSeriesFormatException(string id, string request, JsonException inner, string? apiKey, string body)
        : base(
            ApiKeyScrubber.Scrub($"Braze returned a malformed {body} for {request}: {inner?.Message}", apiKey),
            inner?.Path,
            inner?.LineNumber,
            inner?.BytePositionInLine,
            inner is null ? null : ApiKeyScrubber.Scrub(inner, apiKey))
    {
        ArgumentNullException.ThrowIfNull(inner);
        CampaignId = id;
        Request = request;
        ByteOffset = (inner as CampaignJsonException)?.ByteOffset;
    }

    /// <summary>The campaign requested.</summary>
    public string CampaignId { get; }

    /// <summary>The request, described without secrets.</summary>
    public string Request { get; }

    /// <summary>The 0-based byte offset of the problem in the body, when the parser gave one.</summary>
    public long? ByteOffset { get; }
}

/// <summary>What is wrong with the days Braze returned for a range.</summary>
public enum DataSeriesIntegrityProblem
{
    /// <summary>A day came back twice.</summary>
    DuplicateDay,

    /// <summary>A day came back that the request did not cover.</summary>
    DayOutsideRange,

    /// <summary>A day of the requested range did not come back.</summary>
    MissingDay,
}

/// <summary>The days Braze returned for a range are not exactly the requested days (see <see cref="Problem"/>).</summary>
public sealed class DataSeriesIntegrityException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="requested">The days the request covered.</param>
    /// <param name="dates">The offending dates, in order.</param>
    /// <param name="request">The request, described without secrets.</param>
    public DataSeriesIntegrityException(DataSeriesIntegrityProblem problem, string campaignId, DateInterval requested, IReadOnlyList<LocalDate> dates, string request)
        : base(Describe(problem, campaignId, requested, dates, request) + (problem == DataSeriesIntegrityProblem.MissingDay ? " " + MissingDaysHint : string.Empty))
    {
        Problem = problem;
        CampaignId = campaignId;
        Requested = requested;
        Dates = dates;
        Request = request;
    }

    /// <summary>What is wrong.</summary>
    public DataSeriesIntegrityProblem Problem { get; }

    /// <summary>The campaign.</summary>
    public string CampaignId { get; }

    /// <summary>The days the request covered.</summary>
    public DateInterval Requested { get; }

    /// <summary>The offending dates, in order.</summary>
    public IReadOnlyList<LocalDate> Dates { get; }

    /// <summary>The request, described without secrets.</summary>
    public string Request { get; }

    /// <summary>What a library user can do about missing days (the message of a <see cref="DataSeriesIntegrityProblem.MissingDay"/> ends with it).</summary>
    internal const string MissingDaysHint = "Braze leaves out days before a campaign existed; set MissingDays = MissingDayPolicy.Omit to accept such gaps.";

    /// <summary>
    /// The problem in one sentence, without the advice to set <c>MissingDays</c> that ends the message of a
    /// <see cref="DataSeriesIntegrityProblem.MissingDay"/>: for callers that offer their users other advice.
    /// </summary>
    public string Summary => Describe(Problem, CampaignId, Requested, Dates, Request);

    private static string Describe(DataSeriesIntegrityProblem problem, string campaignId, DateInterval requested, IReadOnlyList<LocalDate> dates, string request)
    {
        const int Shown = 10;
        var list = string.Join(", ", dates.Take(Shown).Select(InvariantText.Iso));
        if (dates.Count > Shown)
        {
            list += string.Create(CultureInfo.InvariantCulture, $" and {dates.Count - Shown} more");
        }

        var range = InvariantText.Iso(requested);
        return problem switch
        {
            DataSeriesIntegrityProblem.DuplicateDay => $"Braze returned day {list} more than once for campaign '{campaignId}' ({request}).",
            DataSeriesIntegrityProblem.DayOutsideRange => $"Braze returned day {list} outside the requested days {range} for campaign '{campaignId}' ({request}).",
            _ => $"Braze did not return day {list} of the requested days {range} for campaign '{campaignId}' ({request}).",
        };
    }
}
