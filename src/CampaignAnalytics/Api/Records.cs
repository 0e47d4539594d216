using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Api;

/// <summary>
/// One request of a range: the <see cref="Days"/> it covers and the <c>ending_at</c> sent for them — the start of
/// the day after the last one in the report zone, since Braze returns the <c>length</c> days before a midnight
/// <c>ending_at</c>.
/// </summary>
/// <param name="Days">The days the request covers (at most 100).</param>
/// <param name="EndingAt">The <c>ending_at</c> sent.</param>
public sealed record DataSeriesChunk(DateInterval Days, OffsetDateTime EndingAt)
{
    /// <summary>The <c>length</c> sent: the number of days covered.</summary>
    public int Length => Days.Length;

    /// <summary>The chunk as text, culture-independent (days as yyyy-MM-dd..yyyy-MM-dd, <c>ending_at</c> in extended ISO-8601).</summary>
    public override string ToString() =>
        DateText.Record(
            nameof(DataSeriesChunk),
            (nameof(Days), Days),
            (nameof(EndingAt), EndingAt),
            (nameof(Length), Length));
}

/// <summary>Progress of a multi-request fetch: reported after each request completes.</summary>
/// <param name="RequestsDone">Requests completed so far.</param>
/// <param name="RequestsTotal">Requests the fetch makes in all.</param>
/// <param name="CampaignId">The campaign of the request just completed.</param>
/// <param name="Chunk">The days of the request just completed.</param>
public sealed record FetchProgress(int RequestsDone, int RequestsTotal, string CampaignId, DateInterval Chunk)
{
    /// <summary>The progress as text, culture-independent (the chunk as yyyy-MM-dd..yyyy-MM-dd).</summary>
    public override string ToString() =>
        DateText.Record(
            nameof(FetchProgress),
            (nameof(RequestsDone), RequestsDone),
            (nameof(RequestsTotal), RequestsTotal),
            (nameof(CampaignId), CampaignId),
            (nameof(Chunk), Chunk));
}

/// <summary>One campaign's merged data series.</summary>
/// <param name="CampaignId">The campaign API identifier.</param>
/// <param name="Response">Every day of the range, sorted by date.</param>
public sealed record CampaignDataSeries(string CampaignId, IDataSeriesResponse Response);
