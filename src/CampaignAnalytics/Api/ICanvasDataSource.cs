using CampaignAnalytics.Models;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;

namespace CampaignAnalytics.Api;

/// <summary>
/// Something that can read a Canvas's daily series for a range of days: the HTTP client of <c>GET /canvas/data_series</c>
/// (<see cref="DataSeriesClient{TResponse, TDay}.GetCanvasRangeAsync"/>), or a fake in tests.
/// <see cref="Store.CampaignStore.SyncCanvasAsync"/> reads through it.
/// </summary>
public interface ICanvasDataSource
{
    /// <summary>
    /// Reads the days of <paramref name="days"/> (both ends inclusive) of one Canvas, with the variant and step breakdowns;
    /// an implementation splits long ranges into requests itself and returns each day at most once.
    /// </summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="days">The calendar days wanted, both ends inclusive.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The Canvas's name and the days the source has in the range.</returns>
    Task<CanvasDays> FetchCanvasAsync(string canvasId, DateInterval days, CancellationToken cancellationToken);
}
