namespace CampaignAnalytics.Api;

/// <summary>
/// Something that can read a campaign's daily data series for a range of days: the HTTP client of
/// <c>GET /campaigns/data_series</c>, or a fake in tests. <see cref="Store.CampaignStore.SyncAsync"/>
/// reads through it.
/// </summary>
/// <typeparam name="TDay">The day type: the generated day record, or <see cref="Catalogue.IDailyDataPoint"/> for any catalogue.</typeparam>
public interface IDataSeriesSource<TDay>
    where TDay : class, CampaignAnalytics.Catalogue.IDailyDataPoint
{
    /// <summary>
    /// Reads the days of <paramref name="days"/> (both ends inclusive) for one campaign. An
    /// implementation splits ranges longer than the API allows into several requests itself, and
    /// returns each day at most once.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="days">The calendar days wanted, both ends inclusive.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The days the source has in the range.</returns>
    System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<TDay>> FetchAsync(string campaignId, NodaTime.DateInterval days, System.Threading.CancellationToken cancellationToken);
}
