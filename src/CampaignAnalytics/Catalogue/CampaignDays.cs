using System.Collections.Generic;

namespace CampaignAnalytics.Catalogue;

/// <summary>
/// One campaign's days: what the client fetches (<c>GetRangeAsync</c>, <c>GetManyAsync</c>), the store reads back
/// (<c>ReadDays</c>) and <c>CampaignDataSet</c> flattens. A response of <c>GET /campaigns/data_series</c> does not say
/// which campaign it describes; this record does.
/// </summary>
/// <typeparam name="TDay">The day type: the generated day record, or <see cref="IDailyDataPoint"/> for any catalogue.</typeparam>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Days">The days, sorted by date when they come from the client or the store.</param>
public sealed record CampaignDays<TDay>(string CampaignId, IReadOnlyList<TDay> Days)
    where TDay : class, IDailyDataPoint;
