using System;
using System.Collections.Generic;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Frames;

/// <summary>
/// What people call a campaign and its conversion counts: its name and its conversion events (from
/// <c>/campaigns/details</c>), for <see cref="CampaignDataSet.WithLabels"/>.
/// </summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Name">The campaign's name; null when unknown.</param>
/// <param name="ConversionEvents">Its conversion events in order (A, B, C, D); empty when unknown.</param>
public sealed record CampaignLabels(string CampaignId, string? Name, IReadOnlyList<ConversionEvent> ConversionEvents)
{
    /// <summary>The labels of a campaign's details: its name and conversion events.</summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="details">Its details.</param>
    public static CampaignLabels FromDetails(string campaignId, CampaignDetailsResponse details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new CampaignLabels(campaignId, details.Name, CampaignDetails.ConversionEvents(details));
    }

    /// <summary>Equality by value, the events by content.</summary>
    /// <param name="other">The other labels.</param>
    public bool Equals(CampaignLabels? other) =>
        other is not null
        && string.Equals(CampaignId, other.CampaignId, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Serialization.RecordEquality.ListEquals(ConversionEvents, other.ConversionEvents);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CampaignId, Name, ConversionEvents.Count);
}
