using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Windows;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Store;

/// <summary>
/// A local SQLite copy of campaigns' daily data series. Each stored day keeps the exact JSON the
/// catalogue writes for it (<see cref="ChannelCatalogue.DayToUtf8Json"/>), so unknown channels and
/// fields survive; reading gives back the same models as reading the API. Writes of a batch are one
/// transaction (all or nothing); the file uses WAL journaling, so a process killed at any point
/// leaves a consistent store. Methods may be called from several threads (calls are serialised);
/// several processes may open the same file (a writer waits up to 30 s for another's lock). Every SQLite failure
/// of the file becomes a <see cref="CampaignStoreException"/> naming it (busy, damaged, or otherwise unusable).
/// </summary>
public sealed partial class CampaignStore : IDisposable, IAsyncDisposable
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int SqlitePermission = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;
    private const int SqliteNotADatabase = 26;
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly LocalDate MinDate = new(1, 1, 1);
    private static readonly LocalDate MaxDate = new(9999, 12, 31);

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly IClock _clock;
    private bool _disposed;

    private CampaignStore(string path, ChannelCatalogue catalogue, IClock clock, SqliteConnection connection)
    {
        Path = path;
        Catalogue = catalogue;
        _clock = clock;
        _connection = connection;
    }

    /// <summary>The schema version this library writes; opening a store of a newer version fails.</summary>
    public static int CurrentSchemaVersion => StoreSchema.LatestVersion;

    /// <summary>The full path of the store file.</summary>
    public string Path { get; }

    /// <summary>The catalogue that writes days into the store and parses them back.</summary>
    public ChannelCatalogue Catalogue { get; }

    /// <summary>
    /// Opens a store of the Braze data-series models (<see cref="Models.CampaignDataSeriesCatalogue"/>),
    /// creating or migrating the file as needed; see <see cref="Open(string, ChannelCatalogue, CampaignStoreOptions?)"/>.
    /// </summary>
    /// <param name="path">The store file; its directory must exist.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    public static CampaignStore Open(string path) => Open(path, Models.CampaignDataSeriesCatalogue.Instance);

    /// <summary>
    /// Opens a store file, creating it (and its tables) when it does not exist and migrating an
    /// older one. Throws <see cref="CampaignStoreException"/> when the file is not a SQLite
    /// database, is another application's database, or was written by a newer version.
    /// </summary>
    /// <param name="path">The store file; its directory must exist.</param>
    /// <param name="catalogue">The catalogue of the models stored (the generated one for the Braze schema).</param>
    /// <param name="options">Options; <see cref="CampaignStoreOptions.Default"/> when null.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    public static CampaignStore Open(string path, ChannelCatalogue catalogue, CampaignStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(catalogue);
        options ??= CampaignStoreOptions.Default;
        ArgumentNullException.ThrowIfNull(options.Clock, "options.Clock");

        var fullPath = System.IO.Path.GetFullPath(path);
        CheckFile(fullPath);

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // Dispose really closes the file (and checkpoints the WAL).
            ForeignKeys = true,
            DefaultTimeout = 30, // Seconds to wait for another writer's lock.
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Configure(connection, fullPath, options.Durability);
            Migrate(connection, fullPath, options.Clock);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw StoreError(fullPath, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new CampaignStore(fullPath, catalogue, options.Clock, connection);
    }

    /// <summary>
    /// Inserts or replaces days of one campaign in one transaction: either every day is written or,
    /// on any error or cancellation, none is. A day whose JSON equals the stored one is unchanged
    /// (only its fetched-at instant moves). The same date may appear twice only with the same data.
    /// </summary>
    /// <typeparam name="TDay">The day type: the generated day record, or <see cref="IDailyDataPoint"/>.</typeparam>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="days">The days, models of <see cref="Catalogue"/>'s day type.</param>
    /// <param name="cancellationToken">Cancels the write (rolled back).</param>
    /// <returns>How many days were inserted, updated and unchanged.</returns>
    public UpsertResult UpsertDays<TDay>(string campaignId, IReadOnlyList<TDay> days, CancellationToken cancellationToken = default)
        where TDay : class, IDailyDataPoint
    {
        ValidateCampaignId(campaignId);
        ArgumentNullException.ThrowIfNull(days);
        var rows = Serialize(days);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return Write(DayTable.Campaigns, campaignId, rows, cancellationToken);
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>
    /// Inserts or replaces every day of a response (its <see cref="IDataSeriesResponse.Data"/>), as
    /// <see cref="UpsertDays{TDay}(string, IReadOnlyList{TDay}, CancellationToken)"/> does.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="response">The response, of <see cref="Catalogue"/>'s response type. Invalid: null.</param>
    /// <param name="cancellationToken">Cancels the write (rolled back).</param>
    /// <returns>How many days were inserted, updated and unchanged.</returns>
    public UpsertResult UpsertResponse(string campaignId, IDataSeriesResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return UpsertDays(campaignId, ChannelCatalogue.DaysOf(response), cancellationToken);
    }

    /// <summary>
    /// Reads a campaign's stored days, sorted by date, as <see cref="Catalogue"/>'s day models: the same models as
    /// reading the API. An unknown campaign has no days.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="range">The days to read (both ends inclusive); all stored days when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The campaign's stored days of the range.</returns>
    public CampaignDays<IDailyDataPoint> ReadDays(string campaignId, DateInterval? range = null, CancellationToken cancellationToken = default) =>
        ReadDays<IDailyDataPoint>(campaignId, range, cancellationToken);

    /// <summary>
    /// Reads a campaign's stored days, sorted by date, typed: <c>ReadDays&lt;DailyDataPoint&gt;(id)</c> with the
    /// bundled catalogue. An unknown campaign has no days.
    /// </summary>
    /// <typeparam name="TDay">The day type: <see cref="Catalogue"/>'s <see cref="ChannelCatalogue.DayType"/> or an interface it implements.</typeparam>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="range">The days to read (both ends inclusive); all stored days when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The campaign's stored days of the range.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="TDay"/> is not what the store's catalogue reads.</exception>
    public CampaignDays<TDay> ReadDays<TDay>(string campaignId, DateInterval? range = null, CancellationToken cancellationToken = default)
        where TDay : class, IDailyDataPoint
    {
        ValidateCampaignId(campaignId);
        if (!typeof(TDay).IsAssignableFrom(Catalogue.DayType))
        {
            throw new ArgumentException($"The store's catalogue '{Catalogue.SchemaId}' reads days as {Catalogue.DayType.FullName}, not {typeof(TDay).FullName}.", nameof(TDay));
        }

        // Through the cursor: one stored day's JSON at a time, never the range's text in a list.
        var days = new List<TDay>();
        foreach (var day in StreamDays(campaignId, range, cancellationToken))
        {
            days.Add((TDay)day);
        }

        return new CampaignDays<TDay>(campaignId, days);
    }

    /// <summary>The campaigns with at least one stored day, in ordinal order.</summary>
    /// <returns>The campaign API identifiers.</returns>
    public IReadOnlyList<string> ListCampaigns()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = CreateCommand(null,
                    "SELECT c.campaign_id FROM campaign c WHERE EXISTS (SELECT 1 FROM campaign_day d WHERE d.campaign_id = c.campaign_id) ORDER BY c.campaign_id;");
                using var reader = command.ExecuteReader();
                var ids = new List<string>();
                while (reader.Read())
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }
    }

    /// <summary>Which days of a campaign are stored: first and last day, count, runs and gaps.</summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <returns>The coverage; empty for an unknown campaign.</returns>
    public StoreCoverage GetCoverage(string campaignId)
    {
        ValidateCampaignId(campaignId);
        var days = StoredDays(campaignId, null);
        var runs = DateRanges.ToRuns(days);
        return new StoreCoverage(
            campaignId,
            days.Count == 0 ? null : days[0],
            days.Count == 0 ? null : days[^1],
            days.Count,
            runs,
            DateRanges.Gaps(runs));
    }

    /// <summary>
    /// The ranges <see cref="SyncAsync"/> would fetch, without fetching: the missing days of
    /// <paramref name="wanted"/> plus its last <see cref="SyncOptions.RestatementWindowDays"/> days,
    /// as runs, with runs separated by at most <see cref="SyncOptions.MaxMergeGapDays"/> stored days merged.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="wanted">The days the store should hold afterwards.</param>
    /// <param name="options">Options; <see cref="SyncOptions.Default"/> when null.</param>
    /// <returns>The ranges to fetch, in date order; empty when nothing is needed.</returns>
    public IReadOnlyList<DateInterval> PlanSync(string campaignId, DateInterval wanted, SyncOptions? options = null)
    {
        ValidateCampaignId(campaignId);
        return PlanSyncOf(DayTable.Campaigns, campaignId, wanted, options);
    }

    /// <summary><see cref="PlanSync(string, DateInterval, SyncOptions?)"/> over the day table <paramref name="table"/>.</summary>
    private IReadOnlyList<DateInterval> PlanSyncOf(DayTable table, string campaignId, DateInterval wanted, SyncOptions? options)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        options ??= SyncOptions.Default;
        CheckDate(wanted.Start, nameof(wanted));
        CheckDate(wanted.End, nameof(wanted));

        var stored = new HashSet<LocalDate>(StoredDays(table, campaignId, wanted));
        var window = options.RestatementWindowDays;
        var windowStart = window == 0 ? (LocalDate?)null : wanted.End.PlusDays(-(window - 1));
        var needed = new List<LocalDate>();
        foreach (var day in wanted)
        {
            if (!stored.Contains(day) || (windowStart is { } ws && day >= ws))
            {
                needed.Add(day);
            }
        }

        return DateRanges.Merge(DateRanges.ToRuns(needed), options.MaxMergeGapDays);
    }

    /// <summary>
    /// Brings a campaign's stored days up to date for <paramref name="wanted"/>: fetches the
    /// missing days and re-reads the trailing restatement window (see <see cref="PlanSync"/>),
    /// one request per range, and upserts each range's days in one transaction as it arrives. If
    /// the source fails or the sync is cancelled, ranges already written stay written; the next
    /// sync fetches what is still missing. A source that returns a day outside the range it was asked for fails the sync
    /// with <see cref="Api.DataSeriesIntegrityException"/> naming the dates; nothing of that range is written.
    /// </summary>
    /// <param name="source">Where to read days from (the API client).</param>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="wanted">The days the store should hold afterwards.</param>
    /// <param name="options">Options; <see cref="SyncOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the sync between and during requests.</param>
    /// <returns>The ranges fetched and how many days were inserted, updated, unchanged and not returned.</returns>
    /// <typeparam name="TDay">The source's day type.</typeparam>
    public async Task<SyncResult> SyncAsync<TDay>(IDataSeriesSource<TDay> source, string campaignId, DateInterval wanted, SyncOptions? options = null, CancellationToken cancellationToken = default)
        where TDay : class, IDailyDataPoint
    {
        ArgumentNullException.ThrowIfNull(source);
        var plan = PlanSync(campaignId, wanted, options);
        int inserted = 0, updated = 0, unchanged = 0, notReturned = 0;
        var fetched = new List<DateInterval>(plan.Count);
        foreach (var interval in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var returned = await source.FetchAsync(campaignId, interval, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The data-series source returned no days for campaign '{campaignId}', {InvariantText.Iso(interval)}.");
            fetched.Add(interval);

            var inRange = new List<IDailyDataPoint>(returned.Count);
            var dates = new HashSet<LocalDate>();
            List<LocalDate>? outside = null;
            foreach (var day in returned)
            {
                if (day is null)
                {
                    continue;
                }

                if (interval.Contains(day.Time))
                {
                    inRange.Add(day);
                    dates.Add(day.Time);
                }
                else
                {
                    (outside ??= new List<LocalDate>()).Add(day.Time);
                }
            }

            if (outside is not null)
            {
                // A source answering with days it was not asked for is broken: storing them, or silently dropping
                // them, would both hide that. Nothing of this range is written.
                throw new Api.DataSeriesIntegrityException(Api.DataSeriesIntegrityProblem.DayOutsideRange, campaignId, interval, outside, "sync of " + InvariantText.Iso(interval));
            }

            notReturned += interval.Length - dates.Count;
            if (inRange.Count == 0)
            {
                continue;
            }

            var result = UpsertDays(campaignId, inRange, cancellationToken);
            inserted += result.Inserted;
            updated += result.Updated;
            unchanged += result.Unchanged;
        }

        return new SyncResult(campaignId, fetched, inserted, updated, unchanged, notReturned);
    }

    /// <summary>Closes the file. Safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
        }
    }

    /// <summary>Closes the file. Safe to call more than once.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"CampaignStore({Path})";

    private SortedList<LocalDate, string> Serialize(IReadOnlyList<IDailyDataPoint> days)
    {
        var rows = new SortedList<LocalDate, string>(days.Count);
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i] ?? throw new ArgumentException($"days[{i}] is null.", nameof(days));
            var date = day.Time;
            CheckDate(date, nameof(days));
            var json = StrictUtf8.GetString(Catalogue.DayToUtf8Json(day));
            if (rows.TryGetValue(date, out var previous))
            {
                if (!string.Equals(previous, json, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The batch holds {InvariantText.Iso(date)} more than once with different data.", nameof(days));
                }

                continue;
            }

            rows.Add(date, json);
        }

        return rows;
    }

    private UpsertResult Write(DayTable table, string campaignId, SortedList<LocalDate, string> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = InstantPattern.ExtendedIso.Format(_clock.GetCurrentInstant());
        int inserted = 0, updated = 0, unchanged = 0;

        using var transaction = _connection.BeginTransaction(deferred: false);
        using (var ensure = CreateCommand(transaction, $"INSERT INTO {table.Parent} ({table.Key}) VALUES ($campaign) ON CONFLICT ({table.Key}) DO NOTHING;"))
        {
            ensure.Parameters.AddWithValue("$campaign", campaignId);
            ensure.ExecuteNonQuery();
        }

        using var select = CreateCommand(transaction, $"SELECT json FROM {table.Days} WHERE {table.Key} = $campaign AND day = $day;");
        using var insert = CreateCommand(transaction,
            $"INSERT INTO {table.Days} ({table.Key}, day, json, fetched_at, changed_at) VALUES ($campaign, $day, $json, $now, $now);");
        using var update = CreateCommand(transaction,
            $"UPDATE {table.Days} SET json = $json, fetched_at = $now, changed_at = $now WHERE {table.Key} = $campaign AND day = $day;");
        using var touch = CreateCommand(transaction,
            $"UPDATE {table.Days} SET fetched_at = $now WHERE {table.Key} = $campaign AND day = $day;");

        var selectDay = AddKey(select, campaignId);
        var insertDay = AddKey(insert, campaignId);
        var insertJson = insert.Parameters.Add("$json", SqliteType.Text);
        insert.Parameters.AddWithValue("$now", now);
        var updateDay = AddKey(update, campaignId);
        var updateJson = update.Parameters.Add("$json", SqliteType.Text);
        update.Parameters.AddWithValue("$now", now);
        var touchDay = AddKey(touch, campaignId);
        touch.Parameters.AddWithValue("$now", now);

        foreach (var (date, json) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dayText = InvariantText.Iso(date);
            selectDay.Value = dayText;
            var stored = select.ExecuteScalar() as string;
            if (stored is null)
            {
                insertDay.Value = dayText;
                insertJson.Value = json;
                insert.ExecuteNonQuery();
                inserted++;
            }
            else if (string.Equals(stored, json, StringComparison.Ordinal))
            {
                touchDay.Value = dayText;
                touch.ExecuteNonQuery();
                unchanged++;
            }
            else
            {
                updateDay.Value = dayText;
                updateJson.Value = json;
                update.ExecuteNonQuery();
                updated++;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return new UpsertResult(inserted, updated, unchanged);
    }

    private static SqliteParameter AddKey(SqliteCommand command, string campaignId)
    {
        command.Parameters.AddWithValue("$campaign", campaignId);
        return command.Parameters.Add("$day", SqliteType.Text);
    }

    private List<LocalDate> StoredDays(string campaignId, DateInterval? range) => StoredDays(DayTable.Campaigns, campaignId, range);

    private List<LocalDate> StoredDays(DayTable table, string campaignId, DateInterval? range)
    {
        var rows = QueryDays(table, campaignId, range, withJson: false, CancellationToken.None);
        var days = new List<LocalDate>(rows.Count);
        foreach (var (text, _) in rows)
        {
            days.Add(ParseStoredDate(text, campaignId));
        }

        return days;
    }

    /// <summary>The stored days of a campaign within a range (all when null), in date order, with their JSON when asked.</summary>
    private List<(string Day, string? Json)> QueryDays(string campaignId, DateInterval? range, bool withJson, CancellationToken cancellationToken) =>
        QueryDays(DayTable.Campaigns, campaignId, range, withJson, cancellationToken);

    /// <summary>As <see cref="QueryDays(string, DateInterval?, bool, CancellationToken)"/>, of the day table <paramref name="table"/>.</summary>
    private List<(string Day, string? Json)> QueryDays(DayTable table, string campaignId, DateInterval? range, bool withJson, CancellationToken cancellationToken)
    {
        var rows = new List<(string Day, string? Json)>();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = CreateCommand(null,
                    (withJson ? "SELECT day, json" : "SELECT day") + $" FROM {table.Days} WHERE {table.Key} = $campaign AND day BETWEEN $start AND $end ORDER BY day;");
                command.Parameters.AddWithValue("$campaign", campaignId);
                command.Parameters.AddWithValue("$start", InvariantText.Iso(range?.Start ?? MinDate));
                command.Parameters.AddWithValue("$end", InvariantText.Iso(range?.End ?? MaxDate));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    rows.Add((reader.GetString(0), withJson ? reader.GetString(1) : null));
                }
            }
            catch (SqliteException ex) when (IsFileFailure(ex))
            {
                throw StoreError(Path, ex);
            }
        }

        return rows;
    }

    private SqliteCommand CreateCommand(SqliteTransaction? transaction, string sql) => CreateCommand(_connection, transaction, sql);

    private static SqliteCommand CreateCommand(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = CreateCommand(connection, transaction, sql);
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = CreateCommand(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static void CheckFile(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw new CampaignStoreException($"The campaign store path '{fullPath}' is a directory, not a SQLite database file.", fullPath);
        }

        if (!File.Exists(fullPath))
        {
            return;
        }

        Span<byte> header = stackalloc byte[16];
        int read;
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (IOException ex)
        {
            throw new CampaignStoreException($"Cannot read the campaign store '{fullPath}': {ex.Message}", fullPath, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CampaignStoreException($"Cannot read the campaign store '{fullPath}': {ex.Message}", fullPath, ex);
        }

        // An empty file is a valid empty SQLite database.
        if (read != 0 && (read < header.Length || !header.SequenceEqual(SqliteHeader)))
        {
            throw NotADatabase(fullPath, null);
        }
    }

    private static CampaignStoreException NotADatabase(string fullPath, Exception? inner) =>
        new($"The campaign store file '{fullPath}' is not a SQLite database.", fullPath, inner);

    /// <summary>
    /// A failure of the file rather than of this code: locked, damaged, not readable or writable, disk full (a
    /// constraint violation, say, is a bug and stays a <see cref="SqliteException"/>).
    /// </summary>
    private static bool IsFileFailure(SqliteException ex) =>
        (ex.SqliteErrorCode & 0xFF) is SqlitePermission or SqliteBusy or SqliteLocked or SqliteReadOnly or SqliteIoError
            or SqliteCorrupt or SqliteFull or SqliteCannotOpen or SqliteNotADatabase;

    /// <summary>
    /// A SQLite failure as one sentence naming the file and what to do: another process holding the lock longer
    /// than the busy timeout (<see cref="CampaignStoreProblem.Busy"/>), a damaged file
    /// (<see cref="CampaignStoreProblem.Damaged"/>), or anything else.
    /// </summary>
    private static CampaignStoreException StoreError(string fullPath, SqliteException ex)
    {
        var code = ex.SqliteErrorCode & 0xFF; // the primary code of an extended one
        return code switch
        {
            SqliteBusy or SqliteLocked => new CampaignStoreException(
                $"The campaign store '{fullPath}' is locked: another process is writing to it. Retry when it has finished.",
                fullPath, CampaignStoreProblem.Busy, ex),
            SqliteCorrupt => new CampaignStoreException(
                $"The campaign store '{fullPath}' is damaged (SQLite: database disk image is malformed). Restore it from a backup, or delete it and fetch the campaigns again.",
                fullPath, CampaignStoreProblem.Damaged, ex),
            SqliteNotADatabase => new CampaignStoreException(
                $"The campaign store file '{fullPath}' is damaged, or not a SQLite database (SQLite: file is not a database). Restore it from a backup, or delete it and fetch the campaigns again.",
                fullPath, CampaignStoreProblem.Damaged, ex),
            _ => new CampaignStoreException($"Cannot use the campaign store '{fullPath}': {ex.Message}", fullPath, ex),
        };
    }

    private static void Configure(SqliteConnection connection, string fullPath, StoreDurability durability)
    {
        // WAL: readers never block the writer, and a commit is one append to the log, so a crash at
        // any point leaves either the old or the new state. The mode is persistent in the file.
        var mode = Scalar(connection, null, "PRAGMA journal_mode = WAL;") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new CampaignStoreException($"The campaign store '{fullPath}' cannot use WAL journaling (journal mode is '{mode}').", fullPath);
        }

        // NORMAL: see StoreDurability.Normal for why this is the default. Per connection.
        Execute(connection, null, durability == StoreDurability.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");

        // The connection string turned foreign keys on; make sure this SQLite honours it.
        if (Convert.ToInt64(Scalar(connection, null, "PRAGMA foreign_keys;"), CultureInfo.InvariantCulture) != 1)
        {
            throw new CampaignStoreException($"The campaign store '{fullPath}' cannot enforce foreign keys.", fullPath);
        }
    }

    private static void Migrate(SqliteConnection connection, string fullPath, IClock clock)
    {
        var current = ReadVersion(connection, null, fullPath, out var hasVersionTable);
        if (current == StoreSchema.LatestVersion)
        {
            return;
        }

        // Another process may be migrating too: take the write lock, then look again.
        using var transaction = connection.BeginTransaction(deferred: false);
        current = ReadVersion(connection, transaction, fullPath, out hasVersionTable);
        if (!hasVersionTable)
        {
            var tables = Convert.ToInt64(
                Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';"),
                CultureInfo.InvariantCulture);
            if (tables != 0)
            {
                throw new CampaignStoreException(
                    $"The file '{fullPath}' is a SQLite database but not a campaign store (it has tables and no schema_version table).", fullPath);
            }

            Execute(connection, transaction, StoreSchema.CreateVersionTable);
        }

        var appliedAt = InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant());
        for (var version = current + 1; version <= StoreSchema.LatestVersion; version++)
        {
            Execute(connection, transaction, StoreSchema.Migrations[version - 1]);
            using var record = CreateCommand(connection, transaction, "INSERT INTO schema_version (version, applied_at) VALUES ($version, $appliedAt);");
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$appliedAt", appliedAt);
            record.ExecuteNonQuery();
        }

        Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {StoreSchema.ApplicationId};"));
        transaction.Commit();
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction, string fullPath, out bool hasVersionTable)
    {
        var applicationId = Convert.ToInt64(Scalar(connection, transaction, "PRAGMA application_id;"), CultureInfo.InvariantCulture);
        if (applicationId != 0 && applicationId != StoreSchema.ApplicationId)
        {
            throw new CampaignStoreException(
                string.Create(CultureInfo.InvariantCulture, $"The file '{fullPath}' is a SQLite database of another application (application_id 0x{applicationId:X8}), not a campaign store."),
                fullPath);
        }

        hasVersionTable = Convert.ToInt64(
            Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';"),
            CultureInfo.InvariantCulture) != 0;
        if (!hasVersionTable)
        {
            return 0;
        }

        var version = (int)Convert.ToInt64(Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version;"), CultureInfo.InvariantCulture);
        if (version > StoreSchema.LatestVersion)
        {
            throw new CampaignStoreException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The campaign store '{fullPath}' has schema version {version}, newer than the version {StoreSchema.LatestVersion} this library supports; use a newer CampaignAnalytics."),
                fullPath);
        }

        return version;
    }

    private static void ValidateCampaignId(string campaignId) => ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);

    private static void CheckDate(LocalDate date, string paramName)
    {
        if (date < MinDate || date > MaxDate)
        {
            throw new ArgumentOutOfRangeException(paramName, InvariantText.Iso(date), "Stored days must fall in the years 1 to 9999.");
        }
    }

    private LocalDate ParseStoredDate(string text, string campaignId)
    {
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success
            ? result.Value
            : throw new CampaignStoreException($"The store '{Path}' holds a bad date '{text}' for campaign '{campaignId}'.", Path, result.Exception);
    }
}
