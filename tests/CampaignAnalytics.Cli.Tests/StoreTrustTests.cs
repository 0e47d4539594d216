using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// A store that another process keeps locked, or whose pages are damaged, gives one line naming the file and what
/// to do, for <c>report --store</c> and <c>fetch --store</c>: never an internal error.
/// </summary>
public sealed class StoreTrustTests : IDisposable
{
    private const string ApiKey = "store-test-key-4d2a";

    private readonly FakeBrazeServer _server = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-store-").FullName;

    public void Dispose()
    {
        _server.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A store holding cmp-a for 2025-03-01..10, written by the tool itself.</summary>
    private async Task<string> StoreAsync(string name)
    {
        var path = Path.Combine(_dir, name);
        var fetch = await CliRunner.RunAsync(
            new[] { "fetch", "--endpoint", _server.BaseUri.ToString(), "--campaign", "cmp-a", "--from", "2025-03-01", "--to", "2025-03-10", "--store", path },
            new Dictionary<string, string?> { ["BRAZE_API_KEY"] = ApiKey });
        Assert.True(fetch.ExitCode == 0, fetch.ToString());
        return path;
    }

    private Task<CliResult> FetchIntoAsync(string store) => CliRunner.RunAsync(
        new[] { "fetch", "--endpoint", _server.BaseUri.ToString(), "--campaign", "cmp-b", "--from", "2025-03-01", "--to", "2025-03-10", "--store", store },
        new Dictionary<string, string?> { ["BRAZE_API_KEY"] = ApiKey });

    private static Task<CliResult> ReportAsync(string store) => CliRunner.RunAsync("report", "--store", store, "--campaign", "cmp-a", "--format", "csv");

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void AssertOneLine(CliResult result, int exitCode, params string[] mentions)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_store_locked_by_another_writer_longer_than_the_busy_timeout_says_so_and_exits_1()
    {
        var forReport = await StoreAsync("report.db");
        var forFetch = await StoreAsync("fetch.db");

        // Another writer: for the report, one that keeps even readers out (exclusive locking); for the fetch, a
        // writer in the middle of a transaction (readers go on, the fetch's write waits for the lock).
        using var exclusive = Connect(forReport);
        Execute(exclusive, "PRAGMA locking_mode = EXCLUSIVE;");
        Execute(exclusive, "BEGIN EXCLUSIVE;");
        Execute(exclusive, "UPDATE schema_version SET applied_at = applied_at;");
        using var writer = Connect(forFetch);
        Execute(writer, "BEGIN IMMEDIATE;");

        // Both wait out the 30 s busy timeout at the same time (CliRunner waits for its process synchronously).
        var results = await Task.WhenAll(Task.Run(() => ReportAsync(forReport)), Task.Run(() => FetchIntoAsync(forFetch)));

        AssertOneLine(results[0], 1, forReport, "locked", "another process", "Retry when it has finished");
        AssertOneLine(results[1], 1, forFetch, "locked", "another process", "Retry when it has finished");
        Execute(writer, "ROLLBACK;");
    }

    [Fact]
    public async Task A_store_with_damaged_pages_names_the_file_and_what_to_do()
    {
        var store = await StoreAsync("damaged.db");

        // Overwrite the b-tree header of every page of campaign_day (table and primary-key index) with garbage: the
        // file still opens, and reading the days meets the damage.
        long pageSize;
        List<long> roots;
        using (var connection = Connect(store))
        {
            using var size = connection.CreateCommand();
            size.CommandText = "PRAGMA page_size;";
            pageSize = (long)size.ExecuteScalar()!;
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'campaign_day' AND rootpage > 1;";
            using var reader = command.ExecuteReader();
            roots = new List<long>();
            while (reader.Read())
            {
                roots.Add(reader.GetInt64(0));
            }
        }

        Assert.NotEmpty(roots);
        using (var file = new FileStream(store, FileMode.Open, FileAccess.ReadWrite))
        {
            foreach (var root in roots)
            {
                file.Position = (root - 1) * pageSize;
                file.Write(Enumerable.Repeat((byte)0xEE, 12).ToArray());
            }
        }

        var report = await ReportAsync(store);
        AssertOneLine(report, 2, store, "is damaged", "Restore it from a backup, or delete it and fetch the campaigns again");

        var fetch = await FetchIntoAsync(store);
        AssertOneLine(fetch, 2, store, "is damaged", "Restore it from a backup, or delete it and fetch the campaigns again");
    }

    [Fact]
    public async Task A_store_whose_header_is_damaged_names_the_file_and_what_to_do()
    {
        var store = await StoreAsync("header.db");

        // "SQLite format 3" stays; the page size and the rest of the header become garbage: SQLite says "file is not a database".
        using (var file = new FileStream(store, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 16;
            file.Write(Enumerable.Repeat((byte)0x07, 84).ToArray());
        }

        var report = await ReportAsync(store);
        AssertOneLine(report, 2, store, "is damaged", "delete it and fetch the campaigns again");
        var fetch = await FetchIntoAsync(store);
        AssertOneLine(fetch, 2, store, "is damaged", "delete it and fetch the campaigns again");
    }
}
