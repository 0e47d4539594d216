using System;
using System.Collections.Generic;
using System.Threading;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Invariant;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CampaignAnalytics.Store;

/// <summary>A stored day of a campaign, as a cursor over the store hands it out.</summary>
/// <param name="CampaignId">The campaign the day belongs to.</param>
/// <param name="Day">The day, a model of the store's catalogue.</param>
public sealed record StoredDay(string CampaignId, IDailyDataPoint Day);

public sealed partial class CampaignStore
{
    /// <summary>
    /// A cursor over a campaign's stored days, in date order: each day is read and parsed as the enumeration reaches
    /// it, so memory does not grow with the range. Reads through a read-only connection of its own (a consistent
    /// snapshot per campaign, never blocking a writer), opened when the enumeration starts and closed when it ends.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="range">The days to read (both ends inclusive); all stored days when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored days of the range; none for an unknown campaign.</returns>
    /// <exception cref="CampaignStoreException">The file fails, or a stored day cannot be read with the catalogue.</exception>
    public IEnumerable<IDailyDataPoint> StreamDays(string campaignId, DateInterval? range = null, CancellationToken cancellationToken = default)
    {
        ValidateCampaignId(campaignId);
        foreach (var stored in StreamDays(new[] { campaignId }, range, cancellationToken))
        {
            yield return stored.Day;
        }
    }

    /// <summary>
    /// One pass over several campaigns' stored days: campaign after campaign in the order given (each once), each in
    /// date order, through one read-only connection; a day at a time, as for <see cref="StreamDays(string, DateInterval?, CancellationToken)"/>.
    /// </summary>
    /// <param name="campaignIds">The campaign API identifiers. Invalid: null, or a null or blank id.</param>
    /// <param name="range">The days to read (both ends inclusive); all stored days when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored days, tagged with their campaign.</returns>
    /// <exception cref="CampaignStoreException">The file fails, or a stored day cannot be read with the catalogue.</exception>
    public IEnumerable<StoredDay> StreamDays(IEnumerable<string> campaignIds, DateInterval? range = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaignIds);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Cursor(campaignIds, range, cancellationToken);
    }

    private IEnumerable<StoredDay> Cursor(IEnumerable<string> campaignIds, DateInterval? range, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        Run(connection.Open);
        foreach (var campaignId in campaignIds)
        {
            ValidateCampaignId(campaignId);
            if (!seen.Add(campaignId))
            {
                continue;
            }

            using var command = CreateCommand(connection, null,
                "SELECT day, json FROM campaign_day WHERE campaign_id = $campaign AND day BETWEEN $start AND $end ORDER BY day;");
            command.Parameters.AddWithValue("$campaign", campaignId);
            command.Parameters.AddWithValue("$start", InvariantText.Iso(range?.Start ?? MinDate));
            command.Parameters.AddWithValue("$end", InvariantText.Iso(range?.End ?? MaxDate));
            using var reader = Run(command.ExecuteReader);
            while (Run(reader.Read))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return new StoredDay(campaignId, ParseStoredDay(campaignId, reader.GetString(0), reader.GetString(1)));
            }
        }
    }

    /// <summary>Runs a step of the cursor, turning a failure of the file into the store's exception.</summary>
    private T Run<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (SqliteException ex) when (IsFileFailure(ex))
        {
            throw StoreError(Path, ex);
        }
    }

    private void Run(Action step) => Run(() =>
    {
        step();
        return true;
    });

    /// <summary>A stored day's JSON parsed with the catalogue, checked against the date it is stored under.</summary>
    private IDailyDataPoint ParseStoredDay(string campaignId, string dayText, string json)
    {
        var date = ParseStoredDate(dayText, campaignId);
        IDailyDataPoint day;
        try
        {
            day = Catalogue.ParseDay(StrictUtf8.GetBytes(json));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new CampaignStoreException(
                $"The stored day {dayText} of campaign '{campaignId}' in '{Path}' cannot be read with catalogue '{Catalogue.SchemaId}': {ex.Message}", Path, ex);
        }

        return day.Time != date
            ? throw new CampaignStoreException($"The stored day {dayText} of campaign '{campaignId}' in '{Path}' holds data for {InvariantText.Iso(day.Time)}.", Path)
            : day;
    }
}
