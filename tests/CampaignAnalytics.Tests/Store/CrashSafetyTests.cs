using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Store;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit.Abstractions;

namespace CampaignAnalytics.Tests.Store;

/// <summary>
/// Kills a real writer process in the middle of its batches and checks the store afterwards: the
/// database passes <c>integrity_check</c> and each batch is wholly present or wholly absent.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int DaysPerBatch = 365;
    private const int PaddingBytes = 16 * 1024; // ~6 MB per batch: the child spends most of its time inside a transaction
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(60);
    private static readonly LocalDate FirstDay = new(2020, 1, 1);

    private readonly ITestOutputHelper _output;

    public CrashSafetyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task ChildKilledMidBatch_LeavesEveryBatchWhollyPresentOrAbsent()
    {
        using var dir = new TempDirectory();
        var db = dir.File("crash.db");
        var committed = new List<string>();
        var begun = new List<string>();

        // Three runs on the same file, killed at different moments after a "begin" line.
        int[] killDelaysMs = { 0, 15, 60 };
        for (var run = 0; run < killDelaysMs.Length; run++)
        {
            var (runBegun, runCommitted) = await RunAndKill(db, "run" + run, minCommits: 2, killDelaysMs[run]);
            begun.AddRange(runBegun);
            committed.AddRange(runCommitted);
            _output.WriteLine($"run {run}: {runCommitted.Count} committed, killed while writing {runBegun.Last()} (wal {WalSize(db)} bytes)");
        }

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString()))
        {
            connection.Open();
            Assert.Equal(new[] { "ok" }, Strings(connection, "PRAGMA integrity_check;"));
            Assert.Empty(Strings(connection, "PRAGMA foreign_key_check;"));
        }

        using var store = CampaignStore.Open(db);
        var present = store.ListCampaigns();

        // Every reported commit survived; besides them only the batch being written at each kill may
        // have committed (its "committed" line not yet printed).
        Assert.Subset(present.ToHashSet(), committed.ToHashSet());
        Assert.Subset(begun.ToHashSet(), present.ToHashSet());
        Assert.True(present.Count <= committed.Count + killDelaysMs.Length);

        var expectedDates = Enumerable.Range(0, DaysPerBatch).Select(k => FirstDay.PlusDays(k)).ToList();
        foreach (var campaign in present)
        {
            var coverage = store.GetCoverage(campaign);
            Assert.Equal(DaysPerBatch, coverage.DayCount);
            Assert.Empty(coverage.Gaps);
            var days = store.ReadDays(campaign).Days;
            Assert.Equal(expectedDates, days.Select(d => d.Time));
            foreach (var day in days)
            {
                Assert.IsType<CampaignAnalytics.Models.DailyDataPoint>(day);
                Assert.Equal("\"" + campaign + "\"", day.UnknownFields.Single(f => f.Name == "batch").Json);
                Assert.Equal(PaddingBytes + 2, day.UnknownFields.Single(f => f.Name == "padding").Json.Length);
            }
        }

        // A campaign row never outlives a rolled-back batch.
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString()))
        {
            connection.Open();
            Assert.Equal(present, Strings(connection, "SELECT campaign_id FROM campaign ORDER BY campaign_id;"));
            Assert.Equal(new[] { (present.Count * DaysPerBatch).ToString(System.Globalization.CultureInfo.InvariantCulture) }, Strings(connection, "SELECT count(*) FROM campaign_day;"));
        }

        // And the store still takes writes.
        Assert.Equal(DaysPerBatch, store.UpsertDays("after", store.ReadDays(present[0]).Days).Inserted);
    }

    private async Task<(List<string> Begun, List<string> Committed)> RunAndKill(string db, string runId, int minCommits, int killDelayMs)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ChildDll());
        start.ArgumentList.Add(db);
        start.ArgumentList.Add(runId);
        start.ArgumentList.Add(DaysPerBatch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(PaddingBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the child");
        var stderr = process.StandardError.ReadToEndAsync();
        var begun = new List<string>();
        var committed = new List<string>();
        try
        {
            while (true)
            {
                using var timeout = new CancellationTokenSource(LineTimeout);
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync();
                    Assert.Fail($"The child exited ({process.ExitCode}) before it was killed: {await stderr}");
                }

                if (line.StartsWith("committed ", StringComparison.Ordinal))
                {
                    committed.Add(line["committed ".Length..]);
                }
                else if (line.StartsWith("begin ", StringComparison.Ordinal))
                {
                    begun.Add(line["begin ".Length..]);
                    if (committed.Count >= minCommits)
                    {
                        if (killDelayMs > 0)
                        {
                            Thread.Sleep(killDelayMs);
                        }

                        process.Kill(entireProcessTree: true);
                        break;
                    }
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        // Lines printed before the kill but not read yet.
        var rest = await process.StandardOutput.ReadToEndAsync();
        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("committed ", StringComparison.Ordinal))
            {
                committed.Add(line["committed ".Length..]);
            }
            else if (line.StartsWith("begin ", StringComparison.Ordinal))
            {
                begun.Add(line["begin ".Length..]);
            }
        }

        return (begun, committed);
    }

    private static string ChildDll()
    {
        const string Name = "CampaignAnalytics.StoreChild.dll";
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, Name) };
        var configured = typeof(CrashSafetyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "StoreChildDirectory")?.Value;
        if (configured is not null)
        {
            candidates.Add(Path.GetFullPath(Path.Combine(configured, Name)));
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("The crash-test child is not built; looked in: " + string.Join(", ", candidates));
    }

    private static long WalSize(string db) => File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length : 0;

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return list;
    }
}
