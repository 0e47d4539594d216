using System;

namespace CampaignAnalytics.Catalogue;

/// <summary>
/// Whether a data-series response is a completed export: Braze answers errors with the same envelope
/// (<c>{"message": "Invalid campaign_id"}</c>, or a <c>message</c> other than <c>"success"</c>), and such a body must
/// never read as a campaign with no statistics.
/// </summary>
public static class ResponseStatus
{
    /// <summary>The <c>message</c> of a completed export.</summary>
    public const string Success = "success";

    /// <summary>Why the response is not a completed export, in one line quoting Braze's message; null when it is one.</summary>
    /// <param name="response">The parsed response.</param>
    public static string? Problem(IDataSeriesResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var message = response.Message;
        if (!string.Equals(message, Success, StringComparison.Ordinal))
        {
            return message is null
                ? "the response has no \"message\", so it is not a completed export"
                : "Braze reported " + Serialization.JsonReadHelpers.Quote(message) + " instead of \"success\"" + (response.Data is not null ? string.Empty : " and sent no data");
        }

        return response.Data is not null ? null : "the response says \"success\" but has no \"data\" array";
    }

    /// <summary>Fails unless the response is a completed export (<see cref="Problem"/>).</summary>
    /// <param name="response">The parsed response.</param>
    /// <exception cref="CampaignDataException">The response is an error envelope or has no data.</exception>
    public static void ThrowIfNotSuccess(IDataSeriesResponse response)
    {
        if (Problem(response) is { } problem)
        {
            throw new CampaignDataException(problem + ".");
        }
    }
}
