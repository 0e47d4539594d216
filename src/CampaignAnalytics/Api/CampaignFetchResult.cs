using System;
using CampaignAnalytics.Catalogue;
using System.Text;
using CampaignAnalytics.Serialization;
using System.Text.Json;

namespace CampaignAnalytics.Api;

/// <summary>Why one campaign of a concurrent fetch failed (<see cref="CampaignFetchFailure.Cause"/>), for summaries by cause.</summary>
public enum FetchFailureCause
{
    /// <summary>Braze's rate limit stayed used up, or its reset was further away than the longest wait (<see cref="BrazeRateLimitedException"/>).</summary>
    RateLimited,

    /// <summary>The API key was refused (401) or lacks a permission (403).</summary>
    AccessDenied,

    /// <summary>Braze rejected the request: 400, 404, another 4xx, or its error envelope in a 2xx (e.g. <c>Invalid campaign_id</c>).</summary>
    Rejected,

    /// <summary>Braze kept answering 5xx until the retry budget was spent.</summary>
    ServerError,

    /// <summary>Braze could not be reached or did not answer within the attempt timeout, on every attempt.</summary>
    Unreachable,

    /// <summary>A successful answer whose body is not a valid data series (<see cref="DataSeriesFormatException"/>).</summary>
    MalformedResponse,

    /// <summary>The days returned are not the days asked for (<see cref="DataSeriesIntegrityException"/>).</summary>
    WrongDays,

    /// <summary>Anything else: a bug of this library, reported rather than thrown so that the other campaigns are kept.</summary>
    Internal,
}

/// <summary>A campaign that could not be fetched: the cause, and the exception that says it (its message never holds the API key).</summary>
/// <param name="Cause">The kind of failure.</param>
/// <param name="Exception">The exception of the failed request.</param>
public sealed record CampaignFetchFailure(FetchFailureCause Cause, Exception Exception)
{
    /// <summary>The exception's message: one sentence naming the request, without the API key.</summary>
    public string Message => Exception.Message;

    /// <summary>The failure printed by the record's ToString: the cause and the message (no stack trace).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(builder, (nameof(Cause), Cause), (nameof(Message), Message));

    /// <summary>The cause of an exception thrown by <see cref="DataSeriesClient{TResponse, TDay}"/>'s requests.</summary>
    /// <param name="exception">The exception.</param>
    public static FetchFailureCause CauseOf(Exception exception) => exception switch
    {
        BrazeRateLimitedException => FetchFailureCause.RateLimited,
        BrazeUnauthorizedException or BrazeForbiddenException => FetchFailureCause.AccessDenied,
        BrazeServerException { StatusCode: null } => FetchFailureCause.Unreachable,
        BrazeServerException => FetchFailureCause.ServerError,
        BrazeApiException { StatusCode: { } status } when (int)status >= 500 => FetchFailureCause.ServerError,
        BrazeApiException { StatusCode: null } => FetchFailureCause.Unreachable,
        BrazeApiException => FetchFailureCause.Rejected,
        DataSeriesFormatException or JsonException => FetchFailureCause.MalformedResponse,
        DataSeriesIntegrityException => FetchFailureCause.WrongDays,
        _ => FetchFailureCause.Internal,
    };
}

/// <summary>
/// One campaign's outcome in <see cref="DataSeriesClient{TResponse, TDay}.FetchEachAsync"/>: its days, or why it failed.
/// Exactly one of <see cref="Days"/> and <see cref="Failure"/> is set.
/// </summary>
/// <typeparam name="TDay">The generated daily data point type.</typeparam>
public sealed record CampaignFetchResult<TDay>
    where TDay : class, IDailyDataPoint
{
    private CampaignFetchResult(string campaignId, CampaignDays<TDay>? days, CampaignFetchFailure? failure)
    {
        CampaignId = campaignId;
        Days = days;
        Failure = failure;
    }

    /// <summary>The campaign API identifier.</summary>
    public string CampaignId { get; }

    /// <summary>Every day of the range, sorted by date, when the campaign was fetched; null when it failed.</summary>
    public CampaignDays<TDay>? Days { get; }

    /// <summary>Why the campaign failed; null when it was fetched.</summary>
    public CampaignFetchFailure? Failure { get; }

    /// <summary>True when <see cref="Days"/> holds the campaign's days.</summary>
    public bool Succeeded => Days is not null;

    /// <summary>A fetched campaign.</summary>
    /// <param name="days">Its days.</param>
    public static CampaignFetchResult<TDay> Success(CampaignDays<TDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return new CampaignFetchResult<TDay>(days.CampaignId, days, null);
    }

    /// <summary>A campaign that failed, its cause taken from the exception (<see cref="CampaignFetchFailure.CauseOf"/>).</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="exception">The exception of its failed request.</param>
    public static CampaignFetchResult<TDay> Failed(string campaignId, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(campaignId);
        ArgumentNullException.ThrowIfNull(exception);
        return new CampaignFetchResult<TDay>(campaignId, null, new CampaignFetchFailure(CampaignFetchFailure.CauseOf(exception), exception));
    }

    /// <summary>The result printed by the record's ToString: the id, and the day count or the failure.</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(CampaignId), CampaignId),
            (nameof(Days), Days?.Days.Count),
            (nameof(Failure), Failure));
}
