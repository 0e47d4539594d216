using System;

namespace CampaignAnalytics.Catalogue;

/// <summary>
/// Whether a data-series response is a completed export: Braze answers errors with the same envelope
/// (<c>{"message": "Invalid campaign_id"}</c>, or a status other than the schema's success value), and such a body must
/// never read as a campaign with no statistics. The status field and its success value are the catalogue's
/// (<see cref="ChannelCatalogue.StatusField"/>, <see cref="ChannelCatalogue.SuccessStatus"/>), declared in the schema.
/// </summary>
public static class ResponseStatus
{
    /// <summary>Why the response is not a completed export, in one line quoting Braze's message; null when it is one.</summary>
    /// <param name="catalogue">The catalogue of the response's schema (its status field and success value).</param>
    /// <param name="response">The parsed response.</param>
    public static string? Problem(ChannelCatalogue catalogue, IDataSeriesResponse response)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(response);
        var success = Serialization.JsonReadHelpers.Quote(catalogue.SuccessStatus);
        if (catalogue.StatusField is { } field)
        {
            var message = response.Message;
            if (!string.Equals(message, catalogue.SuccessStatus, StringComparison.Ordinal))
            {
                return message is null
                    ? "the response has no " + Serialization.JsonReadHelpers.Quote(field) + ", so it is not a completed export"
                    : "Braze reported " + Serialization.JsonReadHelpers.Quote(message) + " instead of " + success + (response.Data is not null ? string.Empty : " and sent no data");
            }

            return response.Data is not null ? null : "the response says " + success + " but has no \"data\" array";
        }

        return response.Data is not null ? null : "the response has no \"data\" array";
    }

    /// <summary>Fails unless the response is a completed export (<see cref="Problem"/>).</summary>
    /// <param name="catalogue">The catalogue of the response's schema.</param>
    /// <param name="response">The parsed response.</param>
    /// <exception cref="CampaignDataException">The response is an error envelope or has no data.</exception>
    public static void ThrowIfNotSuccess(ChannelCatalogue catalogue, IDataSeriesResponse response)
    {
        if (Problem(catalogue, response) is { } problem)
        {
            throw new CampaignDataException(problem + ".");
        }
    }
}
