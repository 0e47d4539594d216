/// The SQLite store: upsert, read back, coverage, sync from a source written in F#.
module CampaignAnalytics.FSharp.Tests.StoreTests

open System.Collections.Generic
open System.Threading.Tasks
open CampaignAnalytics.Api
open CampaignAnalytics.Catalogue
open CampaignAnalytics.FSharp
open CampaignAnalytics.Models
open CampaignAnalytics.Store
open CampaignAnalytics.FSharp.Tests.Support
open NodaTime
open Xunit

let private dayJson (days: DailyDataPoint seq) = days |> Seq.map catalogue.DayToUtf8Json |> List.ofSeq

[<Fact>]
let ``Upsert a response into a temp store and read it back`` () =
    let path, cleanup = tempFile ".db"
    use _ = cleanup
    let response = synthetic ()
    use store = CampaignStore.Open path
    equal path store.Path

    let first = store.UpsertResponse("cmp-syn", response)
    equal (14, 0, 0) (first.Inserted, first.Updated, first.Unchanged)
    let again = store.UpsertResponse("cmp-syn", response)
    equal (0, 14, 14) (again.Inserted, again.Unchanged, again.Total)

    equal [ "cmp-syn" ] (store.ListCampaigns() |> List.ofSeq)
    let stored = store.ReadDays<DailyDataPoint> "cmp-syn"
    equal "cmp-syn" stored.CampaignId
    equal (dayJson (daysOf response)) (dayJson stored.Days)
    let firstWeek = store.ReadDays<DailyDataPoint>("cmp-syn", DateInterval(syntheticStart, syntheticStart.PlusDays 6))
    equal 7 firstWeek.Days.Count

    let coverage = store.GetCoverage "cmp-syn"
    equal (Some syntheticStart, Some(syntheticStart.PlusDays 13), 14) (Coverage.firstDate coverage, Coverage.lastDate coverage, coverage.DayCount)
    equal (Some(DateInterval(syntheticStart, syntheticStart.PlusDays 13))) (Coverage.range coverage)
    equal None (store.GetCoverage "unknown" |> Coverage.range)
    Assert.Empty coverage.Gaps
    Assert.True((store.GetCoverage "unknown").IsEmpty)

[<Fact>]
let ``Days from a typed list are upserted too`` () =
    let path, cleanup = tempFile ".db"
    use _ = cleanup
    use store = CampaignStore.Open(path, catalogue, CampaignStoreOptions(Durability = StoreDurability.Full))
    // UpsertDays is generic over the day type: the typed list goes in as it is.
    let days = daysOf (load "multichannel-real.json")
    let result = store.UpsertDays("cmp-1", days)
    equal 2 result.Inserted

[<Fact>]
let ``Sync from a source written as an F# object expression`` () : Task =
    task {
        let path, cleanup = tempFile ".db"
        use _ = cleanup
        let all = daysOf (synthetic ())
        let requests = System.Collections.Concurrent.ConcurrentQueue<DateInterval>()
        let source =
            { new IDataSeriesSource<DailyDataPoint> with
                member _.FetchAsync(_campaignId, days, _cancellationToken) =
                    requests.Enqueue days
                    let inside = all |> List.filter (fun day -> days.Contains day.Time)
                    Task.FromResult<IReadOnlyList<DailyDataPoint>>(inside) }
        use store = CampaignStore.Open path
        let wanted = DateInterval(syntheticStart, syntheticStart.PlusDays 13)
        equal [ wanted ] (store.PlanSync("cmp-syn", wanted) |> List.ofSeq)

        let! first = store.SyncAsync(source, "cmp-syn", wanted)
        equal (14, 0) (first.DaysInserted, first.DaysNotReturned)

        // Nothing missing: only the restatement window (the last 3 days here) is read again.
        let options = SyncOptions(RestatementWindowDays = 3)
        let! second = store.SyncAsync(source, "cmp-syn", wanted, options)
        equal [ DateInterval(syntheticStart.PlusDays 11, syntheticStart.PlusDays 13) ] (List.ofSeq second.FetchedIntervals)
        equal 3 second.DaysUnchanged
        equal 2 requests.Count
    }
