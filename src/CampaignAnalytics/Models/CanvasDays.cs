using System.Collections.Generic;

namespace CampaignAnalytics.Models;

/// <summary>
/// One Canvas's days from <c>/canvas/data_series</c>, stitched and sorted by date: what
/// <c>DataSeriesClient.GetCanvasRangeAsync</c> returns and the store keeps.
/// </summary>
/// <param name="CanvasId">The Canvas API identifier.</param>
/// <param name="Name">The Canvas's name as the series gave it; null when Braze sent none.</param>
/// <param name="Days">The days, each once, sorted by date; each with its totals and the variant and step breakdowns.</param>
public sealed record CanvasDays(string CanvasId, string? Name, IReadOnlyList<CanvasDailyStats> Days);
