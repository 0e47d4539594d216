using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Invariant;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Store;

/// <summary>
/// Canvases in the store: the list's and the details' answers, and each day of a Canvas's series (totals, variant and
/// step breakdowns) as the generated model writes it — with the same restatement window, one transaction per range
/// and WAL crash safety as campaigns.
/// </summary>
public sealed partial class CampaignStore
{
    /// <summary>
    /// Inserts or replaces days of one Canvas in one transaction (all or nothing), as <see cref="UpsertDays{TDay}"/> does
    /// for campaigns, and records the Canvas's name when given.
    /// </summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="name">The Canvas's name from the series; null keeps the stored one.</param>
    /// <param name="days">The days. The same date may appear twice only with the same data.</param>
    /// <param name="cancellationToken">Cancels the write (rolled back).</param>
    /// <returns>How many days were inserted, updated and unchanged.</returns>
    public UpsertResult UpsertCanvasDays(string canvasId, string? name, IReadOnlyList<CanvasDailyStats> days, CancellationToken cancellationToken = default)
    {
        ValidateCampaignId(canvasId);
        ArgumentNullException.ThrowIfNull(days);
        var rows = new SortedList<LocalDate, string>(days.Count);
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i] ?? throw new ArgumentException($"days[{i}] is null.", nameof(days));
            CheckDate(day.Time, nameof(days));
            var json = ModelWriting.ToJson(day, indented: false);
            if (rows.TryGetValue(day.Time, out var previous))
            {
                if (!string.Equals(previous, json, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The batch holds {InvariantText.Iso(day.Time)} more than once with different data.", nameof(days));
                }

                continue;
            }

            rows.Add(day.Time, json);
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                var result = Write(DayTable.Canvases, canvasId, rows, cancellationToken);
                if (name is not null)
                {
                    UpdateCanvas(canvasId, "name = $value", name);
                }

                return result;
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>Reads a Canvas's stored days, sorted by date, as the generated models; an unknown Canvas has no days.</summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="range">The days to read (both ends inclusive); all stored days when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public CanvasDays ReadCanvasDays(string canvasId, DateInterval? range = null, CancellationToken cancellationToken = default)
    {
        ValidateCampaignId(canvasId);
        var rows = QueryDays(DayTable.Canvases, canvasId, range, withJson: true, cancellationToken);
        var days = new List<CanvasDailyStats>(rows.Count);
        foreach (var (dayText, json) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var date = ParseStoredDate(dayText, canvasId);
            CanvasDailyStats day;
            try
            {
                day = ModelReading.Parse<CanvasDailyStats>(StrictUtf8.GetBytes(json!));
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                throw new CampaignStoreException($"The stored day {dayText} of canvas '{canvasId}' in '{Path}' cannot be read: {ex.Message}", Path, ex);
            }

            if (day.Time != date)
            {
                throw new CampaignStoreException($"The stored day {dayText} of canvas '{canvasId}' in '{Path}' holds data for {InvariantText.Iso(day.Time)}.", Path);
            }

            days.Add(day);
        }

        return new CanvasDays(canvasId, FindCanvas(canvasId)?.Name, days);
    }

    /// <summary>Records the Canvases of <c>/canvas/list</c> (each item's JSON and name), in one transaction.</summary>
    /// <param name="canvases">The listed Canvases; items without an id are refused.</param>
    public void UpsertCanvasList(IReadOnlyList<CanvasListItem> canvases)
    {
        ArgumentNullException.ThrowIfNull(canvases);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                foreach (var item in canvases)
                {
                    ValidateCampaignId(item?.Id!);
                    UpsertCanvasRow(transaction, item!.Id!, item.Name, "listed_json", ModelWriting.ToJson(item, indented: false));
                }

                transaction.Commit();
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>Records a Canvas's <c>/canvas/details</c> answer (and its name).</summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="details">The details.</param>
    public void UpsertCanvasDetails(string canvasId, CanvasDetailsResponse details) => UpsertCanvasDetails(canvasId, details, null);

    /// <summary>
    /// Records a Canvas's <c>/canvas/details</c> answer (and its name) with the list's <c>last_edited</c> they were fetched
    /// for, so that a sync fetches them again only when it moved (<see cref="CanvasDetailsAreCurrent"/>).
    /// </summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="details">The details.</param>
    /// <param name="forLastEdited">The list's <c>last_edited</c> when they were fetched; null when unknown.</param>
    public void UpsertCanvasDetails(string canvasId, CanvasDetailsResponse details, string? forLastEdited)
    {
        ValidateCampaignId(canvasId);
        ArgumentNullException.ThrowIfNull(details);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                UpsertCanvasRow(transaction, canvasId, details.Name, "details_json", ModelWriting.ToJson(details, indented: false));
                using (var edited = CreateCommand(transaction, "UPDATE canvas SET details_for_last_edited = $edited WHERE canvas_id = $id;"))
                {
                    edited.Parameters.AddWithValue("$id", canvasId);
                    edited.Parameters.AddWithValue("$edited", (object?)forLastEdited ?? DBNull.Value);
                    edited.ExecuteNonQuery();
                }

                transaction.Commit();
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>
    /// True when the Canvas's details are stored and were fetched for this <c>last_edited</c> of the list (null matches
    /// null): a sync can skip fetching them.
    /// </summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="lastEdited">The list's current <c>last_edited</c>.</param>
    public bool CanvasDetailsAreCurrent(string canvasId, string? lastEdited)
    {
        ValidateCampaignId(canvasId);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = CreateCommand(null, "SELECT details_json IS NOT NULL AND details_for_last_edited IS $edited FROM canvas WHERE canvas_id = $id;");
                command.Parameters.AddWithValue("$id", canvasId);
                command.Parameters.AddWithValue("$edited", (object?)lastEdited ?? DBNull.Value);
                return command.ExecuteScalar() is long current && current == 1;
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>A Canvas's stored details; null when none were stored.</summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    public CanvasDetailsResponse? ReadCanvasDetails(string canvasId)
    {
        ValidateCampaignId(canvasId);
        var json = FindCanvas(canvasId)?.DetailsJson;
        return json is null ? null : ModelReading.Parse<CanvasDetailsResponse>(StrictUtf8.GetBytes(json));
    }

    /// <summary>The stored Canvases (listed, detailed or with days), in ordinal order of id, with their names when known.</summary>
    public IReadOnlyList<StoredCanvas> ListCanvases()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = CreateCommand(null,
                    "SELECT c.canvas_id, c.name, (SELECT count(*) FROM canvas_day d WHERE d.canvas_id = c.canvas_id) FROM canvas c ORDER BY c.canvas_id;");
                using var reader = command.ExecuteReader();
                var list = new List<StoredCanvas>();
                while (reader.Read())
                {
                    list.Add(new StoredCanvas(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2)));
                }

                return list;
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>
    /// The ranges <see cref="SyncCanvasAsync"/> would fetch: the missing days of <paramref name="wanted"/> plus its last
    /// <see cref="SyncOptions.RestatementWindowDays"/> days, merged as for campaigns (see <see cref="PlanSync(string, DateInterval, SyncOptions?)"/>).
    /// </summary>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="wanted">The days the store should hold afterwards.</param>
    /// <param name="options">Options; <see cref="SyncOptions.Default"/> when null.</param>
    public IReadOnlyList<DateInterval> PlanCanvasSync(string canvasId, DateInterval wanted, SyncOptions? options = null)
    {
        ValidateCampaignId(canvasId);
        return PlanSyncOf(DayTable.Canvases, canvasId, wanted, options);
    }

    /// <summary>
    /// Brings a Canvas's stored days up to date for <paramref name="wanted"/>: fetches the missing days and re-reads the
    /// trailing restatement window, one source call per planned range, and writes each range in one transaction as it
    /// arrives (ranges already written stay written when a later one fails). A day outside the range asked for fails
    /// with <see cref="DataSeriesIntegrityException"/> and nothing of that range is written.
    /// </summary>
    /// <param name="source">Where to read days from (the API client).</param>
    /// <param name="canvasId">The Canvas API identifier.</param>
    /// <param name="wanted">The days the store should hold afterwards.</param>
    /// <param name="options">Options; <see cref="SyncOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the sync.</param>
    public async Task<SyncResult> SyncCanvasAsync(ICanvasDataSource source, string canvasId, DateInterval wanted, SyncOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var plan = PlanCanvasSync(canvasId, wanted, options);
        int inserted = 0, updated = 0, unchanged = 0, notReturned = 0;
        var fetched = new List<DateInterval>(plan.Count);
        foreach (var interval in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var returned = await source.FetchCanvasAsync(canvasId, interval, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The Canvas source returned nothing for canvas '{canvasId}', {InvariantText.Iso(interval)}.");
            fetched.Add(interval);
            var dates = new HashSet<LocalDate>();
            List<LocalDate>? outside = null;
            foreach (var day in returned.Days)
            {
                if (interval.Contains(day.Time))
                {
                    dates.Add(day.Time);
                }
                else
                {
                    (outside ??= new List<LocalDate>()).Add(day.Time);
                }
            }

            if (outside is not null)
            {
                throw new DataSeriesIntegrityException(DataSeriesIntegrityProblem.DayOutsideRange, canvasId, interval, outside, "canvas sync of " + InvariantText.Iso(interval));
            }

            notReturned += interval.Length - dates.Count;
            var result = UpsertCanvasDays(canvasId, returned.Name, returned.Days, cancellationToken);
            inserted += result.Inserted;
            updated += result.Updated;
            unchanged += result.Unchanged;
        }

        return new SyncResult(canvasId, fetched, inserted, updated, unchanged, notReturned);
    }

    /// <summary>The stored row of a Canvas (name and details JSON), or null.</summary>
    private (string? Name, string? DetailsJson)? FindCanvas(string canvasId)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = CreateCommand(null, "SELECT name, details_json FROM canvas WHERE canvas_id = $id;");
                command.Parameters.AddWithValue("$id", canvasId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    private void UpdateCanvas(string canvasId, string assignment, string value)
    {
        using var command = CreateCommand(null, $"UPDATE canvas SET {assignment}, updated_at = $now WHERE canvas_id = $id;");
        command.Parameters.AddWithValue("$id", canvasId);
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$now", InstantPattern.ExtendedIso.Format(_clock.GetCurrentInstant()));
        command.ExecuteNonQuery();
    }

    private void UpsertCanvasRow(SqliteTransaction transaction, string canvasId, string? name, string column, string json)
    {
        using var command = CreateCommand(transaction,
            $"INSERT INTO canvas (canvas_id, name, {column}, updated_at) VALUES ($id, $name, $json, $now) "
            + $"ON CONFLICT (canvas_id) DO UPDATE SET name = coalesce(excluded.name, name), {column} = excluded.{column}, updated_at = excluded.updated_at;");
        command.Parameters.AddWithValue("$id", canvasId);
        command.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        command.Parameters.AddWithValue("$json", json);
        command.Parameters.AddWithValue("$now", InstantPattern.ExtendedIso.Format(_clock.GetCurrentInstant()));
        command.ExecuteNonQuery();
    }

    /// <summary>A table of days and the table of what they belong to, keyed by <see cref="Key"/>.</summary>
    /// <param name="Parent">The table of campaigns or Canvases.</param>
    /// <param name="Key">Their key column.</param>
    /// <param name="Days">The table of their days.</param>
    private sealed record DayTable(string Parent, string Key, string Days)
    {
        public static readonly DayTable Campaigns = new("campaign", "campaign_id", "campaign_day");

        public static readonly DayTable Canvases = new("canvas", "canvas_id", "canvas_day");
    }
}

/// <summary>A Canvas the store knows of.</summary>
/// <param name="CanvasId">The Canvas API identifier.</param>
/// <param name="Name">Its name, when the list, the details or the series gave one.</param>
/// <param name="StoredDays">How many of its days are stored.</param>
public sealed record StoredCanvas(string CanvasId, string? Name, int StoredDays);
