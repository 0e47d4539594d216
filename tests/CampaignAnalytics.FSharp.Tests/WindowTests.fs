/// NodaTime windowing: daily series, calendar buckets, rolling sums, period over period.
module CampaignAnalytics.FSharp.Tests.WindowTests

open System
open CampaignAnalytics.FSharp
open CampaignAnalytics.Models
open CampaignAnalytics.Windows
open CampaignAnalytics.FSharp.Tests.Support
open NodaTime
open Xunit

let private series () = DailySeries.Create(daysOf (synthetic ()), fun day -> day.Time)

let private conversionsOf i = int64 (38 + i)

[<Fact>]
let ``A daily series of the days of a response`` () =
    let days = series ()
    equal 14 days.Count
    equal (Some(DateInterval(syntheticStart, syntheticStart.PlusDays 13))) (Option.ofObj days.ObservedRange)
    equal 3 (days.IndexOf(syntheticStart.PlusDays 3))
    Assert.False(days.Contains(syntheticStart.PlusDays -1))
    let conversions = days.SelectPresent(fun day -> day.Conversions)
    equal ([ 0..13 ] |> List.map conversionsOf) (List.ofSeq conversions.Values)
    let firstWeek = conversions.Within(DateInterval(syntheticStart, syntheticStart.PlusDays 6))
    equal 7 firstWeek.Count
    equal 7 (conversions.WhereValues(fun c -> c >= 45L)).Count
    equal [ syntheticStart, 38L ] (conversions |> Seq.take 1 |> Seq.map (fun dv -> dv.Date, dv.Value) |> List.ofSeq)
    let contiguous = DailySeries.Contiguous(syntheticStart, [ 1L; 2L; 3L ])
    equal [ syntheticStart; syntheticStart.PlusDays 1; syntheticStart.PlusDays 2 ] (List.ofSeq contiguous.Dates)
    equal contiguous.Values.Count (DailySeries.Of(contiguous |> Seq.rev).Count)
    // Two values on one date are refused.
    Assert.Throws<ArgumentException>(fun () -> DailySeries.Of [ DailyValue(syntheticStart, 1); DailyValue(syntheticStart, 2) ] |> ignore) |> ignore

[<Fact>]
let ``Weekly and monthly buckets with sums and rates`` () =
    let days = series ()
    let weeks = days.ByWeek(Aggregates.SumCounts(fun day -> day.Conversions))
    equal [ syntheticStart; syntheticStart.PlusDays 7 ] (weeks |> Seq.map (fun b -> b.Interval.Start) |> List.ofSeq)
    equal [ Some([ 0..6 ] |> List.sumBy conversionsOf); Some([ 7..13 ] |> List.sumBy conversionsOf) ] (weeks |> Seq.map Bucket.value |> List.ofSeq)
    Assert.All(weeks, fun b -> Assert.False b.IsPartial)

    // Weeks starting on Sunday: the first and last are partial.
    let sundayWeeks = days.ByWeek(Aggregates.SumCounts(fun day -> day.Conversions), IsoDayOfWeek.Sunday)
    equal [ true; false; true ] (sundayWeeks |> Seq.map (fun b -> b.IsPartial) |> List.ofSeq)

    let rate = Aggregates.RateOfCounts((fun (day: DailyDataPoint) -> day.Conversions), (fun day -> day.UniqueRecipients))
    let month = days.ByMonth(rate) |> Seq.exactlyOne
    equal 16 month.MissingDays
    let expected = ([ 0..13 ] |> List.sumBy conversionsOf |> float) / ([ 0..13 ] |> List.sumBy (fun i -> 2200 + 10 * i) |> float)
    closeSome expected (Bucket.value month)
    // The same rate through the catalogue's descriptors (already double?) and Aggregates.Rate.
    let metric name = catalogue.DailyMetrics |> Seq.find (fun m -> m.Name = name)
    let viaCatalogue = days.ByMonth(Aggregates.Rate((fun day -> (metric "conversions").GetValue day), (fun day -> (metric "unique_recipients").GetValue day))) |> Seq.exactlyOne
    equal month.Value viaCatalogue.Value
    let revenue = days.ByMonth(Aggregates.SumAmounts(fun day -> day.Revenue)) |> Seq.exactlyOne
    equal None (Bucket.value revenue)

    let fortnights = days.ByPeriod(Period.FromDays 14, syntheticStart, Aggregates.SumCounts(fun day -> day.UniqueRecipients))
    equal 1 fortnights.Count

[<Fact>]
let ``Rolling sums over seven days`` () =
    let conversions = series().SelectPresent(fun day -> day.Conversions)
    let points = conversions.RollingSum 7
    // One point per day; the first six windows reach before the data and say so.
    equal 14 points.Count
    equal [ 6; 5; 4; 3; 2; 1 ] (points |> Seq.take 6 |> Seq.map (fun p -> p.MissingDays) |> List.ofSeq)
    let complete = points |> Seq.filter (fun p -> p.IsComplete) |> List.ofSeq
    let expected = [ 0..7 ] |> List.map (fun start -> [ start .. start + 6 ] |> List.sumBy conversionsOf)
    equal expected (complete |> List.map (fun p -> p.Sum))
    equal (syntheticStart.PlusDays 6) complete.Head.Date
    // Asking for a wider range shows the missing days instead of inventing zeros.
    let wider = conversions.RollingSum(7, DateInterval(syntheticStart, syntheticStart.PlusDays 20))
    equal 7 (wider |> Seq.last).MissingDays
    let amounts = series().SelectValues(fun day -> day |> Day.value "conversions" |> Option.defaultValue 0.0)
    close (float (List.head expected)) ((amounts.RollingSum 7) |> Seq.item 6).Sum

[<Fact>]
let ``Period over period: last full weeks, metrics and rates`` () =
    let windows = PeriodOverPeriod.LastFullWeeks(LocalDate(2025, 6, 18))
    equal (DateInterval(syntheticStart.PlusDays 7, syntheticStart.PlusDays 13)) windows.Current
    equal (DateInterval(syntheticStart, syntheticStart.PlusDays 6)) windows.Previous
    let comparison =
        series().Compare(
            windows,
            [ WindowMetric.FromCount("conversions", fun (day: DailyDataPoint) -> day.Conversions) ],
            [ WindowRate.FromCounts("ConversionRate", (fun (day: DailyDataPoint) -> day.Conversions), (fun day -> day.UniqueRecipients)) ])
    Assert.True comparison.IsComplete
    let conversions = comparison.FindMetric "conversions" |> Option.ofObj |> Option.get
    let current = [ 7..13 ] |> List.sumBy conversionsOf |> float
    let previous = [ 0..6 ] |> List.sumBy conversionsOf |> float
    equal (Some current, Some previous) (Change.current conversions, Change.previous conversions)
    closeSome (current - previous) (Change.absolute conversions)
    closeSome ((current - previous) / previous) (Change.relative conversions)
    let rate = comparison.FindRate "ConversionRate" |> Option.ofObj |> Option.get
    closeSome (current / ([ 7..13 ] |> List.sumBy (fun i -> 2200 + 10 * i) |> float)) (Change.current rate)
    equal None (comparison.FindRate "nope" |> Option.ofObj)

    // The same metric through the catalogue's descriptor, which already reads double?.
    let metric = catalogue.DailyMetrics |> Seq.find (fun m -> m.Name = "conversions")
    let viaCatalogue = PeriodOverPeriod.Compare(series (), windows, [ WindowMetric<DailyDataPoint>("conversions", fun day -> metric.GetValue day) ])
    equal conversions (viaCatalogue.Metrics |> Seq.exactlyOne)

    let trailing = PeriodOverPeriod.TrailingDays(3, syntheticStart.PlusDays 13)
    equal "2025-06-13..2025-06-15 vs 2025-06-10..2025-06-12" (string trailing)
    equal (DateInterval(LocalDate(2025, 5, 1), LocalDate(2025, 5, 31))) (PeriodOverPeriod.LastFullMonths(LocalDate(2025, 6, 18))).Current

[<Fact>]
let ``Report zones, date windows and calendar helpers`` () =
    let paris = ReportZone.FromTzdbId "Europe/Paris"
    // 23:30 UTC on 19 June is already 20 June in Paris.
    let instant = Instant.FromUtc(2025, 6, 19, 23, 30)
    equal (LocalDate(2025, 6, 20), LocalDate(2025, 6, 19)) (paris.DateOf instant, ReportZone.Utc.DateOf instant)
    // ENDPOINT.md: ending_at 2025-06-22T00:00Z with length 3 covers 19..21 June.
    let endingAt = ReportZone.Utc.EndingAtFor(LocalDate(2025, 6, 21))
    equal (OffsetDateTime(LocalDateTime(2025, 6, 22, 0, 0), Offset.Zero)) endingAt
    equal (DateInterval(LocalDate(2025, 6, 19), LocalDate(2025, 6, 21))) (ReportZone.Utc.DaysReturnedFor(endingAt, 3))
    equal (LocalDate(2025, 6, 18)) (ReportZone.Utc.Today(NodaTime.Testing.FakeClock(Instant.FromUtc(2025, 6, 18, 12, 0))))

    equal (DateInterval(LocalDate(2025, 6, 15), LocalDate(2025, 6, 21))) (DateWindows.TrailingDays(7, LocalDate(2025, 6, 21)))
    let year = DateInterval(LocalDate(2025, 1, 1), LocalDate(2025, 12, 31))
    let chunks = DateWindows.Split(year, 100) |> List.ofSeq
    equal [ 65; 100; 100; 100 ] (chunks |> List.map (fun c -> c.Length))
    equal (DateInterval(LocalDate(2025, 6, 15), LocalDate(2025, 6, 21))) (CalendarBuckets.WeekContaining(LocalDate(2025, 6, 19), IsoDayOfWeek.Sunday))
    equal (DateInterval(LocalDate(2025, 2, 1), LocalDate(2025, 2, 28))) (CalendarBuckets.MonthContaining(LocalDate(2025, 2, 14)))
    Assert.Throws<ArgumentException>(fun () -> ReportZone.FromTzdbId "Mars/Olympus" |> ignore) |> ignore
