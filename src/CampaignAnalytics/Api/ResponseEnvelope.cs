using System;
using CampaignAnalytics.Catalogue;

namespace CampaignAnalytics.Api;

/// <summary>
/// Tells data from Braze's error envelope. Braze may answer with a successful HTTP status and a body such as
/// <c>{"message":"Invalid campaign_id"}</c>: it parses as a response without days, which must not be taken for a
/// campaign without data. A response is data only when its <c>message</c> is <c>success</c> and it has a
/// <c>data</c> array.
/// </summary>
internal static class ResponseEnvelope
{
    /// <summary>The <c>message</c> of a response that carries data.</summary>
    internal const string Success = ResponseStatus.Success;

    /// <summary>The most characters of Braze's <c>message</c> quoted in an error.</summary>
    internal const int MaxQuotedMessage = 200;

    /// <summary>
    /// Why a parsed response is not data, as the end of a sentence (<c>Braze said: "Invalid campaign_id"</c>, or
    /// <c>message "success" but no data</c>); null when it is a completed export (<see cref="ResponseStatus"/>).
    /// Braze's message is quoted at most <see cref="MaxQuotedMessage"/> characters long, with the key masked.
    /// </summary>
    /// <param name="response">The parsed response.</param>
    /// <param name="apiKey">The key to mask in Braze's message; null for none.</param>
    internal static string? Problem(IDataSeriesResponse response, string? apiKey = null)
    {
        if (ResponseStatus.Problem(response) is null)
        {
            return null;
        }

        return string.Equals(response.Message, Success, StringComparison.Ordinal)
            ? "message \"success\" but no data"
            : response.Message is null
                ? "no \"message\" and no data"
                : $"Braze said: \"{ApiKeyScrubber.ScrubAndCut(response.Message, apiKey, MaxQuotedMessage)}\"";
    }
}
