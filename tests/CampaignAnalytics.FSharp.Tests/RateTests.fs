/// Rates over groupings and periods: sums first, then divide.
module CampaignAnalytics.FSharp.Tests.RateTests

open CampaignAnalytics.FSharp
open CampaignAnalytics.Frames
open CampaignAnalytics.Rates
open CampaignAnalytics.FSharp.Tests.Support
open NodaTime
open Xunit

let private weekly () =
    let data = CampaignDataSet.Create(catalogue, "cmp-syn", synthetic ())
    CampaignRates.Compute(data, RateGrouping(Period = RatePeriod.IsoWeek)) |> List.ofSeq

[<Fact>]
let ``Rates by ISO week per channel and variation sum counts before dividing`` () =
    let rows = weekly ()
    let rateOf key rate (start: LocalDate) =
        rows
        |> List.filter (fun r -> r.Channel = "email" && r.VariationApiId = key && r.Rate = rate && r.PeriodStart = start)
        |> List.exactlyOne
    let week1 = syntheticStart
    let week2 = syntheticStart.PlusDays 7
    let sum f days = days |> List.sumBy f |> float
    // Variant A, week 1: days 0..6.
    let a = rateOf "email-a" "UniqueClickRate" week1
    equal (week1, week1.PlusDays 6) (a.PeriodStart, a.PeriodEnd)
    close (sum (fun i -> 50 + i) [ 0..6 ]) a.Numerator
    close (sum (fun i -> 990 + 10 * i) [ 0..6 ]) a.Denominator
    closeSome (sum (fun i -> 50 + i) [ 0..6 ] / sum (fun i -> 990 + 10 * i) [ 0..6 ]) (RateRow.value a)
    // Variant A, week 2: days 7..13.
    closeSome (sum (fun i -> 20 + i) [ 7..13 ] / sum (fun i -> 1000 + 10 * i) [ 7..13 ]) (rateOf "email-a" "ConversionRate" week2 |> RateRow.value)
    // The control group has a conversion rate but no delivery-based rates at all (no row, not a zero).
    closeSome (3.0 / 200.0) (rateOf "email-control" "ConversionRate" week2 |> RateRow.value)
    Assert.DoesNotContain(rows, fun r -> r.IsControl && r.Rate = "UniqueClickRate")
    // Periods come out in order, and a frame holds the same rows.
    equal [ week1; week2 ] (rows |> List.map (fun r -> r.PeriodStart) |> List.distinct)
    let frame = rows |> RateFrames.ToDataFrame
    equal (int64 rows.Length) frame.Rows.Count

[<Fact>]
let ``Groupings: pooled variations, per row, a filtered rate, day totals`` () =
    let data = CampaignDataSet.Create(catalogue, "cmp-syn", synthetic ())
    let pooled = CampaignRates.Compute(data, RateGrouping.PerChannel, fun _ rate -> rate.Name = "ConversionRate") |> List.ofSeq
    let row = pooled |> List.exactlyOne
    equal (None, None) (Option.ofObj row.VariationApiId, Option.ofObj row.VariationName)
    let conversions = [ 0..13 ] |> List.sumBy (fun i -> (20 + i) + 15 + 3) |> float
    let recipients = [ 0..13 ] |> List.sumBy (fun i -> (1000 + 10 * i) + 1000 + 200) |> float
    closeSome (conversions / recipients) (RateRow.value row)

    let withoutControl = CampaignRates.Compute(data, RateGrouping(ByVariation = false, IncludeControl = false), fun _ rate -> rate.Name = "ConversionRate") |> Seq.exactlyOne
    close (conversions - 3.0 * 14.0) withoutControl.Numerator

    let perRow = CampaignRates.PerRow data
    Assert.All(perRow, fun r -> equal r.PeriodStart r.PeriodEnd)
    equal [ "ConversionRate" ] (CampaignRates.CommonRateNames catalogue |> List.ofSeq)
    Assert.All(CampaignRates.CommonRates data, fun r -> equal "ConversionRate" r.Rate)

    let totals = CampaignRates.DailyTotals(data, RatePeriod.Month) |> Seq.exactlyOne
    equal (LocalDate(2025, 6, 1), LocalDate(2025, 6, 30)) (totals.PeriodStart, totals.PeriodEnd)
    closeSome (([ 0..13 ] |> List.sumBy (fun i -> 38 + i) |> float) / ([ 0..13 ] |> List.sumBy (fun i -> 2200 + 10 * i) |> float)) (RateRow.value totals)

[<Fact>]
let ``Custom periods from an F# function returning an option`` () =
    let data = CampaignDataSet.Create(catalogue, "cmp-syn", synthetic ())
    let firstHalf = DateInterval(syntheticStart, syntheticStart.PlusDays 3)
    // An F# function that says "no period" with None; the library wants null for that.
    let periodOf (date: LocalDate) = if firstHalf.Contains date then Some firstHalf else None
    let custom = RatePeriod.Custom((fun date -> periodOf date |> Option.toObj), "first four days")
    let rows = CampaignRates.Compute(data, RateGrouping(Period = custom)) |> List.ofSeq
    Assert.All(rows, fun r -> equal firstHalf r.Period)
    let within = CampaignRates.Compute(data, RateGrouping(Period = RatePeriod.Within firstHalf)) |> List.ofSeq
    equal (rows |> List.map (fun r -> r.Rate, r.Numerator, r.Denominator)) (within |> List.map (fun r -> r.Rate, r.Numerator, r.Denominator))
    equal "first four days" (string custom)
    let fortnights = CampaignRates.Compute(data, RateGrouping(Period = RatePeriod.Every(Period.FromDays 14, syntheticStart)))
    Assert.All(fortnights, fun r -> equal (syntheticStart, syntheticStart.PlusDays 13) (r.PeriodStart, r.PeriodEnd))

[<Fact>]
let ``A rate row names the conversion event it counts when the data set's labels know it`` () =
    let events = [| CampaignAnalytics.Models.ConversionEvent(0, "Starts Session", "Starts session") |]
    let data = CampaignDataSet.Create(catalogue, "cmp-syn", synthetic ()).WithLabels [ CampaignLabels("cmp-syn", "Synthetic", events) ]
    let rows = CampaignRates.Compute(data, RateGrouping(Period = RatePeriod.IsoWeek)) |> List.ofSeq
    let first rate = rows |> List.find (fun r -> r.Channel = "email" && r.Rate = rate)
    equal (Some "Starts session") (first "ConversionRate" |> RateRow.conversionEvent)
    equal None (first "UniqueClickRate" |> RateRow.conversionEvent)
    equal None (weekly () |> List.find (fun r -> r.Rate = "ConversionRate") |> RateRow.conversionEvent)
