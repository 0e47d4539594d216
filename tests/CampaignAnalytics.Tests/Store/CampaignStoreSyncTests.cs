using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Store;
using NodaTime;

namespace CampaignAnalytics.Tests.Store;

public sealed class CampaignStoreSyncTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CampaignStore _store;
    private readonly FakeSource _source = new();

    public CampaignStoreSyncTests()
    {
        _store = CampaignStore.Open(_dir.File("sync.db"), RawJsonCatalogue.Instance);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private static LocalDate D(int month, int day) => new(2025, month, day);

    private static DateInterval I(LocalDate start, LocalDate end) => new(start, end);

    private string StoredJson(LocalDate day) =>
        Encoding.UTF8.GetString(_store.Catalogue.DayToUtf8Json(_store.ReadDays("c1", I(day, day)).Days.Single()));

    [Fact]
    public async Task EmptyStore_FetchesTheWholeRangeInOneRequest()
    {
        var wanted = I(D(1, 1), D(3, 31));
        var result = await _store.SyncAsync(_source, "c1", wanted);

        Assert.Equal(new[] { wanted }, _source.Requests);
        Assert.Equal(new[] { wanted }, result.FetchedIntervals);
        Assert.Equal("c1", result.CampaignId);
        Assert.Equal(90, result.DaysInserted);
        Assert.Equal(0, result.DaysUpdated);
        Assert.Equal(0, result.DaysUnchanged);
        Assert.Equal(0, result.DaysNotReturned);
        Assert.Equal(90, result.DaysFetched);
        Assert.Equal(90, _store.GetCoverage("c1").DayCount);
    }

    [Fact]
    public async Task SecondSync_RereadsOnlyTheTrailingRestatementWindow()
    {
        var wanted = I(D(1, 1), D(3, 31));
        await _store.SyncAsync(_source, "c1", wanted);
        _source.Requests.Clear();

        var result = await _store.SyncAsync(_source, "c1", wanted);
        Assert.Equal(new[] { I(D(3, 18), D(3, 31)) }, _source.Requests);
        Assert.Equal(0, result.DaysInserted);
        Assert.Equal(0, result.DaysUpdated);
        Assert.Equal(14, result.DaysUnchanged);
    }

    [Fact]
    public async Task RestatedValuesReplaceOldOnes_InsideTheWindowOnly()
    {
        var wanted = I(D(1, 1), D(3, 31));
        await _store.SyncAsync(_source, "c1", wanted);
        _source.Restate(D(3, 25));
        _source.Restate(D(3, 30));
        _source.Restate(D(2, 1)); // outside the window: not re-read

        var result = await _store.SyncAsync(_source, "c1", wanted);
        Assert.Equal(2, result.DaysUpdated);
        Assert.Equal(12, result.DaysUnchanged);
        Assert.Equal(FakeSource.DefaultJson(D(3, 25), 1), StoredJson(D(3, 25)));
        Assert.Equal(FakeSource.DefaultJson(D(3, 30), 1), StoredJson(D(3, 30)));
        Assert.Equal(FakeSource.DefaultJson(D(2, 1), 0), StoredJson(D(2, 1)));

        // Restated again: the newest value wins.
        _source.Restate(D(3, 25));
        await _store.SyncAsync(_source, "c1", wanted);
        Assert.Equal(FakeSource.DefaultJson(D(3, 25), 2), StoredJson(D(3, 25)));
        Assert.Equal(90, _store.GetCoverage("c1").DayCount);
    }

    [Fact]
    public async Task MissingRanges_AreFetched_AndCloseOnesMerged()
    {
        var wanted = I(D(1, 1), D(3, 31));
        await _store.SyncAsync(_source, "c1", wanted);

        // Delete Jan 10..12, Jan 15 (2 stored days apart: merged), Feb 10..11 (far: separate).
        var keep = _store.ReadDays("c1").Days
            .Where(d => !(d.Time >= D(1, 10) && d.Time <= D(1, 12)) && d.Time != D(1, 15) && d.Time != D(2, 10) && d.Time != D(2, 11))
            .ToList();
        using var dir2 = new TempDirectory();
        using var store2 = CampaignStore.Open(dir2.File("holes.db"), RawJsonCatalogue.Instance);
        store2.UpsertDays("c1", keep);
        Assert.Equal(
            new[] { I(D(1, 10), D(1, 12)), I(D(1, 15), D(1, 15)), I(D(2, 10), D(2, 11)) },
            store2.GetCoverage("c1").Gaps);

        Assert.Equal(new[] { I(D(1, 10), D(1, 15)), I(D(2, 10), D(2, 11)), I(D(3, 18), D(3, 31)) }, store2.PlanSync("c1", wanted));
        Assert.Equal(
            new[] { I(D(1, 10), D(1, 12)), I(D(1, 15), D(1, 15)), I(D(2, 10), D(2, 11)), I(D(3, 18), D(3, 31)) },
            store2.PlanSync("c1", wanted, new SyncOptions { MaxMergeGapDays = 0 }));
        Assert.Equal(
            new[] { I(D(1, 10), D(2, 11)), I(D(3, 18), D(3, 31)) },
            store2.PlanSync("c1", wanted, new SyncOptions { MaxMergeGapDays = 30 }));

        _source.Requests.Clear();
        var result = await store2.SyncAsync(_source, "c1", wanted);
        Assert.Equal(new[] { I(D(1, 10), D(1, 15)), I(D(2, 10), D(2, 11)), I(D(3, 18), D(3, 31)) }, _source.Requests);
        Assert.Equal(result.FetchedIntervals, _source.Requests);
        Assert.Equal(6, result.DaysInserted);
        Assert.Equal(2 + 14, result.DaysUnchanged);
        Assert.Empty(store2.GetCoverage("c1").Gaps);
        Assert.Equal(90, store2.GetCoverage("c1").DayCount);
    }

    [Fact]
    public async Task ExtendingForward_FetchesNewDaysAndWindowInOneRequest()
    {
        await _store.SyncAsync(_source, "c1", I(D(1, 1), D(1, 31)));
        _source.Requests.Clear();

        var result = await _store.SyncAsync(_source, "c1", I(D(1, 1), D(2, 10)));
        Assert.Equal(new[] { I(D(1, 28), D(2, 10)) }, _source.Requests);
        Assert.Equal(10, result.DaysInserted);
        Assert.Equal(4, result.DaysUnchanged);
    }

    [Fact]
    public async Task ExtendingBackward_FetchesOnlyTheOlderDaysAndTheWindow()
    {
        await _store.SyncAsync(_source, "c1", I(D(3, 1), D(3, 31)));
        _source.Requests.Clear();

        await _store.SyncAsync(_source, "c1", I(D(1, 1), D(3, 31)));
        Assert.Equal(new[] { I(D(1, 1), D(2, 28)), I(D(3, 18), D(3, 31)) }, _source.Requests);
    }

    [Fact]
    public async Task WindowZero_CompleteStore_MakesNoRequest()
    {
        var wanted = I(D(1, 1), D(1, 31));
        await _store.SyncAsync(_source, "c1", wanted);
        _source.Requests.Clear();

        var result = await _store.SyncAsync(_source, "c1", wanted, new SyncOptions { RestatementWindowDays = 0 });
        Assert.Empty(_source.Requests);
        Assert.Empty(result.FetchedIntervals);
        Assert.Equal(0, result.DaysFetched);
    }

    [Fact]
    public async Task WindowLongerThanWanted_RereadsAllOfIt()
    {
        var wanted = I(D(1, 1), D(1, 5));
        await _store.SyncAsync(_source, "c1", wanted);
        _source.Requests.Clear();
        await _store.SyncAsync(_source, "c1", wanted, new SyncOptions { RestatementWindowDays = 30 });
        Assert.Equal(new[] { wanted }, _source.Requests);
    }

    [Fact]
    public async Task DaysTheSourceDoesNotReturn_AreCountedAndStayMissing()
    {
        _source.Missing.Add(D(1, 3));
        _source.Missing.Add(D(1, 4));
        var result = await _store.SyncAsync(_source, "c1", I(D(1, 1), D(1, 10)), new SyncOptions { RestatementWindowDays = 0 });
        Assert.Equal(2, result.DaysNotReturned);
        Assert.Equal(8, result.DaysInserted);
        Assert.Equal(new[] { I(D(1, 3), D(1, 4)) }, _store.GetCoverage("c1").Gaps);

        _source.Missing.Clear();
        _source.Requests.Clear();
        await _store.SyncAsync(_source, "c1", I(D(1, 1), D(1, 10)), new SyncOptions { RestatementWindowDays = 0 });
        Assert.Equal(new[] { I(D(1, 3), D(1, 4)) }, _source.Requests);
    }

    [Fact]
    public async Task DaysOutsideTheRequestedRange_FailTheSyncNamingThem_AndWriteNothing()
    {
        var wide = new WideSource();
        var e = await Assert.ThrowsAsync<CampaignAnalytics.Api.DataSeriesIntegrityException>(() => _store.SyncAsync(wide, "c1", I(D(1, 5), D(1, 6))));
        Assert.Equal(CampaignAnalytics.Api.DataSeriesIntegrityProblem.DayOutsideRange, e.Problem);
        Assert.NotEmpty(e.Dates);
        Assert.All(e.Dates, d => Assert.False(I(D(1, 5), D(1, 6)).Contains(d)));
        Assert.True(_store.GetCoverage("c1").IsEmpty);
    }

    [Fact]
    public async Task SourceFailingOnALaterRange_KeepsTheRangesAlreadyWritten()
    {
        await _store.SyncAsync(_source, "c1", I(D(2, 1), D(2, 28)), new SyncOptions { RestatementWindowDays = 0 });
        _source.Requests.Clear();
        _source.FailOnRequest = 1;

        // Plan: Jan 1..31 (missing), then Mar 1..31 (missing): the second request fails.
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.SyncAsync(_source, "c1", I(D(1, 1), D(3, 31))));
        Assert.Equal(2, _source.Requests.Count);
        var coverage = _store.GetCoverage("c1");
        Assert.Equal(D(1, 1), coverage.FirstDate);
        Assert.Equal(D(2, 28), coverage.LastDate);
        Assert.Empty(coverage.Gaps);

        _source.FailOnRequest = null;
        _source.Requests.Clear();
        await _store.SyncAsync(_source, "c1", I(D(1, 1), D(3, 31)), new SyncOptions { RestatementWindowDays = 0 });
        Assert.Equal(new[] { I(D(3, 1), D(3, 31)) }, _source.Requests);
    }

    [Fact]
    public async Task Cancelled_BeforeStart_FetchesNothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.SyncAsync(_source, "c1", I(D(1, 1), D(1, 31)), null, cts.Token));
        Assert.Empty(_source.Requests);
        Assert.True(_store.GetCoverage("c1").IsEmpty);
    }

    [Fact]
    public async Task Arguments_AreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyncOptions { RestatementWindowDays = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyncOptions { MaxMergeGapDays = -1 });
        Assert.Equal(14, SyncOptions.Default.RestatementWindowDays);
        Assert.Equal(7, SyncOptions.Default.MaxMergeGapDays);
        await Assert.ThrowsAsync<ArgumentNullException>(() => _store.SyncAsync<CampaignAnalytics.Catalogue.IDailyDataPoint>(null!, "c1", I(D(1, 1), D(1, 2))));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.SyncAsync(_source, " ", I(D(1, 1), D(1, 2))));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _store.SyncAsync(_source, "c1", null!));
    }

    /// <summary>Answers two extra days on each side of the requested range.</summary>
    private sealed class WideSource : CampaignAnalytics.Api.IDataSeriesSource<CampaignAnalytics.Catalogue.IDailyDataPoint>
    {
        public Task<IReadOnlyList<CampaignAnalytics.Catalogue.IDailyDataPoint>> FetchAsync(string campaignId, DateInterval days, CancellationToken cancellationToken)
        {
            var all = new DateInterval(days.Start.PlusDays(-2), days.End.PlusDays(2))
                .Select(d => (CampaignAnalytics.Catalogue.IDailyDataPoint)RawJsonCatalogue.Day(FakeSource.DefaultJson(d, 0)))
                .ToList();
            return Task.FromResult<IReadOnlyList<CampaignAnalytics.Catalogue.IDailyDataPoint>>(all);
        }
    }
}
