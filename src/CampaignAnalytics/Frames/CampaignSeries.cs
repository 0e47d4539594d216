using CampaignAnalytics.Catalogue;

namespace CampaignAnalytics.Frames;

/// <summary>A response of <c>GET /campaigns/data_series</c> tagged with the campaign it describes (the response itself does not say).</summary>
/// <param name="CampaignId">The campaign API identifier the response was requested for.</param>
/// <param name="Response">The parsed response, of the catalogue's response type.</param>
public sealed record CampaignSeries(string CampaignId, IDataSeriesResponse Response);
