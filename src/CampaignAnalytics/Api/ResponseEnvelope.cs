using System;
using CampaignAnalytics.Catalogue;

namespace CampaignAnalytics.Api;

/// <summary>
/// Tells data from Braze's error envelope. Braze may answer with a successful HTTP status and a body such as
/// <c>{"message":"Invalid campaign_id"}</c>: it parses as a response without days, which must not be taken for a
/// campaign without data. A response is data only when its status (<c>message</c>) is the catalogue's success value
/// (<c>success</c>) and it has a <c>data</c> array.
/// </summary>
internal static class ResponseEnvelope
{
    /// <summary>The most characters of Braze's <c>message</c> quoted in an error.</summary>
    internal const int MaxQuotedMessage = 200;

    /// <summary>
    /// Why a parsed response is not data, as the end of a sentence (<c>Braze said: "Invalid campaign_id"</c>, or
    /// <c>message "success" but no data</c>); null when it is a completed export (<see cref="ResponseStatus"/>).
    /// Braze's message is quoted at most <see cref="MaxQuotedMessage"/> characters long, with the key masked.
    /// </summary>
    /// <param name="catalogue">The catalogue of the response's schema (its status field and success value).</param>
    /// <param name="response">The parsed response.</param>
    /// <param name="apiKey">The key to mask in Braze's message; null for none.</param>
    internal static string? Problem(ChannelCatalogue catalogue, IDataSeriesResponse response, string? apiKey = null)
    {
        if (ResponseStatus.Problem(catalogue, response) is null)
        {
            return null;
        }

        var field = catalogue.StatusField ?? "status";
        return IsSuccess(catalogue, response)
            ? field + " " + Serialization.JsonReadHelpers.Quote(catalogue.SuccessStatus) + " but no data"
            : response.Message is null
                ? "no " + Serialization.JsonReadHelpers.Quote(field) + " and no data"
                : $"Braze said: \"{ApiKeyScrubber.ScrubAndCut(response.Message, apiKey, MaxQuotedMessage)}\"";
    }

    /// <summary>True when the response's status is the catalogue's success value, or the schema has no status field.</summary>
    /// <param name="catalogue">The catalogue of the response's schema.</param>
    /// <param name="response">The parsed response.</param>
    internal static bool IsSuccess(ChannelCatalogue catalogue, IDataSeriesResponse response) =>
        catalogue.StatusField is null || string.Equals(response.Message, catalogue.SuccessStatus, StringComparison.Ordinal);
}
