using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Store;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Testing;

namespace CampaignAnalytics.Tests.Store;

public sealed class CampaignStoreTests : IDisposable
{
    private static readonly LocalDate Jan1 = new(2025, 1, 1);
    private readonly TempDirectory _dir = new();
    private readonly FakeClock _clock = new(Instant.FromUtc(2025, 6, 1, 12, 0));

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("store.db");

    private CampaignStore Open() => CampaignStore.Open(DbPath, RawJsonCatalogue.Instance, new CampaignStoreOptions { Clock = _clock });

    private static RawDay Day(LocalDate date, int revision = 0) => RawJsonCatalogue.Day(FakeSource.DefaultJson(date, revision));

    private static List<IDailyDataPoint> Days(LocalDate start, int count, int revision = 0) =>
        Enumerable.Range(0, count).Select(i => (IDailyDataPoint)Day(start.PlusDays(i), revision)).ToList();

    private SqliteConnection Raw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private object? RawScalar(string sql)
    {
        using var connection = Raw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void Open_CreatesStoreWithWalSchemaVersionAndApplicationId()
    {
        using (var store = Open())
        {
            Assert.Equal(DbPath, store.Path);
            Assert.Same(RawJsonCatalogue.Instance, store.Catalogue);
            Assert.True(CampaignStore.CurrentSchemaVersion >= 2, "the portfolio tables are version 2 or later");
        }

        Assert.Equal("wal", RawScalar("PRAGMA journal_mode;"));
        Assert.Equal((long)CampaignStore.CurrentSchemaVersion, RawScalar("SELECT max(version) FROM schema_version;"));
        Assert.Equal(0x43415354L, RawScalar("PRAGMA application_id;"));

        // Reopening an up-to-date store applies nothing again.
        using (Open())
        {
        }

        Assert.Equal((long)CampaignStore.CurrentSchemaVersion, RawScalar("SELECT count(*) FROM schema_version;"));
    }

    [Fact]
    public void Open_EnforcesForeignKeys()
    {
        using var store = Open();
        store.UpsertDays("c1", Days(Jan1, 2));

        // The store's own connection has foreign keys on: a day without its campaign is refused by
        // SQLite even in a raw connection configured the same way.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false, ForeignKeys = true }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO campaign_day (campaign_id, day, json, fetched_at, changed_at) VALUES ('nope', '2025-01-01', '{}', 'x', 'x');";
        var ex = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        Assert.Contains("FOREIGN KEY", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("this is a text file, not a database\n")]
    [InlineData("x")]
    [InlineData("SQLite format 3\0 but then garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage")]
    public void Open_NotASqliteFile_ThrowsNamingThePath(string content)
    {
        File.WriteAllText(DbPath, content);
        var ex = Assert.Throws<CampaignStoreException>(Open);
        Assert.Contains(DbPath, ex.Message, StringComparison.Ordinal);
        Assert.Equal(DbPath, ex.Path);
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_pages_are_a_store_exception_naming_the_file_for_every_operation()
    {
        using (var store = Open())
        {
            store.UpsertDays("c1", Days(Jan1, 20));
        }

        // Garbage over the b-tree headers of campaign_day's table and index: the file opens, its days cannot be read.
        var pageSize = (long)RawScalar("PRAGMA page_size;")!;
        var roots = new List<long>();
        using (var connection = Raw())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'campaign_day' AND rootpage > 1;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                roots.Add(reader.GetInt64(0));
            }
        }

        using (var file = new FileStream(DbPath, FileMode.Open, FileAccess.ReadWrite))
        {
            foreach (var root in roots)
            {
                file.Position = (root - 1) * pageSize;
                file.Write(Enumerable.Repeat((byte)0xEE, 12).ToArray());
            }
        }

        using var damaged = Open();
        foreach (var operation in new Action[]
        {
            () => damaged.ReadDays("c1"),
            () => damaged.GetCoverage("c1"),
            () => damaged.ListCampaigns(),
            () => damaged.UpsertDays("c1", Days(Jan1, 2, revision: 1)),
        })
        {
            var ex = Assert.Throws<CampaignStoreException>(operation);
            Assert.Equal(CampaignStoreProblem.Damaged, ex.Problem);
            Assert.Equal(DbPath, ex.Path);
            Assert.Contains(DbPath, ex.Message, StringComparison.Ordinal);
            Assert.Contains("damaged", ex.Message, StringComparison.Ordinal);
            Assert.IsType<SqliteException>(ex.InnerException);
        }
    }

    [Fact]
    public void Open_Directory_ThrowsNamingThePath()
    {
        var ex = Assert.Throws<CampaignStoreException>(() => CampaignStore.Open(_dir.Path, RawJsonCatalogue.Instance));
        Assert.Contains(_dir.Path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AnotherApplicationsDatabase_IsRefused()
    {
        using (var connection = Raw())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY);";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<CampaignStoreException>(Open);
        Assert.Contains("not a campaign store", ex.Message, StringComparison.Ordinal);
        Assert.Contains(DbPath, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1L, RawScalar("SELECT count(*) FROM sqlite_master WHERE type = 'table';"));
    }

    [Fact]
    public void Open_NewerSchemaVersion_IsRefused()
    {
        using (Open())
        {
        }

        using (var connection = Raw())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (" + (CampaignStore.CurrentSchemaVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ", '2030-01-01T00:00:00Z');";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<CampaignStoreException>(Open);
        Assert.Contains("schema version " + (CampaignStore.CurrentSchemaVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains("newer", ex.Message, StringComparison.Ordinal);
        Assert.Contains(DbPath, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_EmptyFile_BecomesAStore()
    {
        File.WriteAllBytes(DbPath, Array.Empty<byte>());
        using var store = Open();
        Assert.Empty(store.ListCampaigns());
    }

    [Fact]
    public void Upsert_CountsInsertedUpdatedUnchanged_AndStampsInstants()
    {
        using var store = Open();
        var first = store.UpsertDays("c1", Days(Jan1, 5));
        Assert.Equal(new UpsertResult(5, 0, 0), first);

        _clock.Advance(Duration.FromHours(1));
        var batch = Days(Jan1, 7); // Jan 1..5 again (same), Jan 6..7 new
        batch[2] = Day(Jan1.PlusDays(2), revision: 1); // Jan 3 restated
        var second = store.UpsertDays("c1", batch);
        Assert.Equal(new UpsertResult(2, 1, 4), second);
        Assert.Equal(7, second.Total);

        Assert.Equal("2025-06-01T13:00:00Z", RawScalar("SELECT fetched_at FROM campaign_day WHERE day = '2025-01-01';"));
        Assert.Equal("2025-06-01T12:00:00Z", RawScalar("SELECT changed_at FROM campaign_day WHERE day = '2025-01-01';"));
        Assert.Equal("2025-06-01T13:00:00Z", RawScalar("SELECT changed_at FROM campaign_day WHERE day = '2025-01-03';"));
        Assert.Equal(FakeSource.DefaultJson(Jan1.PlusDays(2), 1), RawScalar("SELECT json FROM campaign_day WHERE day = '2025-01-03';"));
    }

    [Fact]
    public void Upsert_BatchFailingMidway_WritesNothing()
    {
        using var store = Open();
        store.UpsertDays("c1", Days(Jan1, 3));

        var batch = Days(Jan1, 10, revision: 5); // would update Jan 1..3 and insert Jan 4..10
        batch[6] = RawDay.Broken(Jan1.PlusDays(6)); // invalid JSON: the CHECK fails inside the transaction
        Assert.Throws<SqliteException>(() => store.UpsertDays("c1", batch));

        Assert.Equal(3, store.GetCoverage("c1").DayCount);
        var read = store.ReadDays("c1");
        Assert.All(read.Days, d => Assert.Equal(FakeSource.DefaultJson(d.Time, 0), Encoding.UTF8.GetString(store.Catalogue.DayToUtf8Json(d))));

        // A new campaign's failed first batch leaves no trace either.
        var fresh = Days(Jan1, 4);
        fresh[3] = RawDay.Broken(Jan1.PlusDays(3));
        Assert.Throws<SqliteException>(() => store.UpsertDays("c2", fresh));
        Assert.Equal(new[] { "c1" }, store.ListCampaigns());
        Assert.Equal(0L, RawScalar("SELECT count(*) FROM campaign WHERE campaign_id = 'c2';"));
    }

    [Fact]
    public void Upsert_Cancelled_WritesNothing()
    {
        using var store = Open();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => store.UpsertDays("c1", Days(Jan1, 3), cts.Token));
        Assert.True(store.GetCoverage("c1").IsEmpty);
    }

    [Fact]
    public void Upsert_SameDateTwice_OnlyWithSameData()
    {
        using var store = Open();
        var same = new List<IDailyDataPoint> { Day(Jan1), Day(Jan1) };
        Assert.Equal(new UpsertResult(1, 0, 0), store.UpsertDays("c1", same));

        var conflicting = new List<IDailyDataPoint> { Day(Jan1.PlusDays(1)), Day(Jan1.PlusDays(1), 1) };
        var ex = Assert.Throws<ArgumentException>(() => store.UpsertDays("c1", conflicting));
        Assert.Contains("2025-01-02", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upsert_RejectsBadArguments()
    {
        using var store = Open();
        Assert.ThrowsAny<ArgumentException>(() => store.UpsertDays("", Days(Jan1, 1)));
        Assert.ThrowsAny<ArgumentException>(() => store.UpsertDays(null!, Days(Jan1, 1)));
        Assert.Throws<ArgumentNullException>(() => store.UpsertDays<IDailyDataPoint>("c1", null!));
        Assert.Equal(new UpsertResult(0, 0, 0), store.UpsertDays("c1", new List<IDailyDataPoint>()));
    }

    [Fact]
    public void ReadDays_GivesTheSameModelsSortedByDate_AndFiltersByRange()
    {
        using var store = Open();
        var days = Days(Jan1, 10);
        var shuffled = days.OrderByDescending(d => d.Time.Day % 3).ThenByDescending(d => d.Time).ToList();
        store.UpsertDays("c1", shuffled);

        var all = store.ReadDays("c1");
        Assert.Equal("c1", all.CampaignId);
        Assert.All(all.Days, d => Assert.IsType<RawDay>(d));
        Assert.Equal(days.Select(d => d.Time), all.Days.Select(d => d.Time));
        for (var i = 0; i < days.Count; i++)
        {
            Assert.Equal(store.Catalogue.DayToUtf8Json(days[i]), store.Catalogue.DayToUtf8Json(all.Days[i]));
            Assert.Equal(days[i].UnknownFields, all.Days[i].UnknownFields);
        }

        var range = store.ReadDays("c1", new DateInterval(Jan1.PlusDays(3), Jan1.PlusDays(5)));
        Assert.Equal(new[] { 4, 5, 6 }, range.Days.Select(d => d.Time.Day));

        Assert.Empty(store.ReadDays("nobody").Days);
        Assert.Empty(store.ReadDays("c1", new DateInterval(new LocalDate(2024, 1, 1), new LocalDate(2024, 12, 31))).Days);
    }

    [Fact]
    public void ReadSeries_CorruptStoredDay_ThrowsNamingCampaignAndDay()
    {
        using var store = Open();
        store.UpsertDays("c1", Days(Jan1, 2));
        using (var connection = Raw())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE campaign_day SET json = '{\"no_time\":1}' WHERE day = '2025-01-02';";
            command.ExecuteNonQuery();
        }

        var ex = Assert.ThrowsAny<Exception>(() => store.ReadDays("c1"));
        Assert.IsType<CampaignStoreException>(ex);
        Assert.Contains("2025-01-02", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'c1'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListCampaigns_OrdinalOrder()
    {
        using var store = Open();
        Assert.Empty(store.ListCampaigns());
        store.UpsertDays("b", Days(Jan1, 1));
        store.UpsertDays("a", Days(Jan1, 1));
        store.UpsertDays("B", Days(Jan1, 1));
        Assert.Equal(new[] { "B", "a", "b" }, store.ListCampaigns());
    }

    [Fact]
    public void GetCoverage_FirstLastCountRunsAndGaps()
    {
        using var store = Open();
        var empty = store.GetCoverage("c1");
        Assert.True(empty.IsEmpty);
        Assert.Null(empty.FirstDate);
        Assert.Null(empty.LastDate);
        Assert.Empty(empty.Gaps);
        Assert.Empty(empty.StoredRanges);

        // Jan 1..5, Jan 8, Jan 10..12
        var days = Days(Jan1, 12).Where(d => d.Time.Day is not (6 or 7 or 9)).ToList();
        store.UpsertDays("c1", days);
        var coverage = store.GetCoverage("c1");
        Assert.Equal(Jan1, coverage.FirstDate);
        Assert.Equal(new LocalDate(2025, 1, 12), coverage.LastDate);
        Assert.Equal(9, coverage.DayCount);
        Assert.Equal(
            new[] { new DateInterval(Jan1, new LocalDate(2025, 1, 5)), new DateInterval(new LocalDate(2025, 1, 8), new LocalDate(2025, 1, 8)), new DateInterval(new LocalDate(2025, 1, 10), new LocalDate(2025, 1, 12)) },
            coverage.StoredRanges);
        Assert.Equal(
            new[] { new DateInterval(new LocalDate(2025, 1, 6), new LocalDate(2025, 1, 7)), new DateInterval(new LocalDate(2025, 1, 9), new LocalDate(2025, 1, 9)) },
            coverage.Gaps);
    }

    [Fact]
    public void Dispose_ClosesTheFile_AndLaterCallsThrow()
    {
        var store = Open();
        store.UpsertDays("c1", Days(Jan1, 3));
        store.Dispose();
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.ListCampaigns());
        Assert.Throws<ObjectDisposedException>(() => store.UpsertDays("c1", Days(Jan1, 1)));

        // Closing the last connection checkpoints the WAL and removes it.
        Assert.False(File.Exists(DbPath + "-wal"));
        File.Move(DbPath, DbPath + ".moved");
        File.Move(DbPath + ".moved", DbPath);
        using var reopened = Open();
        Assert.Equal(3, reopened.GetCoverage("c1").DayCount);
    }

    [Fact]
    public async System.Threading.Tasks.Task DisposeAsync_ClosesTheStore()
    {
        var store = Open();
        await store.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => store.GetCoverage("c1"));
    }

    [Fact]
    public void TwoStoresOnOneFile_SeeEachOthersCommits()
    {
        using var a = Open();
        using var b = Open();
        a.UpsertDays("c1", Days(Jan1, 3));
        Assert.Equal(3, b.GetCoverage("c1").DayCount);
        Assert.Equal(new UpsertResult(0, 0, 3), b.UpsertDays("c1", Days(Jan1, 3)));
    }
}
