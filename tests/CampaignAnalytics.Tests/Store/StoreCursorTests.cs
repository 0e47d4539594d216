using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Store;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CampaignAnalytics.Tests.Store;

/// <summary>The store's streaming cursor: days handed out one at a time, several campaigns in one pass.</summary>
public sealed class StoreCursorTests : IDisposable
{
    private static readonly LocalDate Jan1 = new(2025, 1, 1);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("store.db");

    private static List<IDailyDataPoint> Days(LocalDate start, int count) =>
        Enumerable.Range(0, count).Select(i => (IDailyDataPoint)RawJsonCatalogue.Day(FakeSource.DefaultJson(start.PlusDays(i), 0))).ToList();

    [Fact]
    public void StreamDays_hands_out_each_day_before_reading_the_next()
    {
        using var store = CampaignStore.Open(DbPath, RawJsonCatalogue.Instance);
        store.UpsertDays("c1", Days(Jan1, 5));
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE campaign_day SET json = '{\"no_time\":1}' WHERE day = '2025-01-05';";
            command.ExecuteNonQuery();
        }

        // A cursor, not a list: the first four days come out before the damaged fifth is read (ReadDays reads it all).
        var seen = new List<LocalDate>();
        var ex = Assert.Throws<CampaignStoreException>(() =>
        {
            foreach (var day in store.StreamDays("c1"))
            {
                seen.Add(day.Time);
            }
        });
        Assert.Equal(Enumerable.Range(0, 4).Select(i => Jan1.PlusDays(i)), seen);
        Assert.Contains("2025-01-05", ex.Message, StringComparison.Ordinal);
        Assert.Throws<CampaignStoreException>(() => store.ReadDays("c1"));
    }

    [Fact]
    public void StreamDays_reads_many_campaigns_in_one_pass_in_the_order_given()
    {
        using var store = CampaignStore.Open(DbPath, RawJsonCatalogue.Instance);
        store.UpsertDays("b", Days(Jan1, 3));
        store.UpsertDays("a", Days(Jan1.PlusDays(10), 2));
        store.UpsertDays("c", Days(Jan1, 4));

        var pass = store.StreamDays(new[] { "c", "nobody", "a", "c" }, new DateInterval(Jan1.PlusDays(1), Jan1.PlusDays(11))).ToList();
        Assert.Equal(
            new[] { ("c", 2), ("c", 3), ("c", 4), ("a", 11), ("a", 12) },
            pass.Select(d => (d.CampaignId, d.Day.Time.Day)));
        Assert.Equal(
            store.ReadDays("c", new DateInterval(Jan1.PlusDays(1), Jan1.PlusDays(11))).Days.Select(d => store.Catalogue.DayToUtf8Json(d)),
            pass.Where(d => d.CampaignId == "c").Select(d => store.Catalogue.DayToUtf8Json(d.Day)));
        Assert.Throws<ArgumentException>(() => store.StreamDays(new[] { " " }).ToList());
    }
}
