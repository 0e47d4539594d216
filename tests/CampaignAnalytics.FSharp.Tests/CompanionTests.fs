/// The F# companion (CampaignAnalytics.FSharp): what the library leaves optional, as options, and names checked.
module CampaignAnalytics.FSharp.Tests.CompanionTests

open System
open System.IO
open CampaignAnalytics.Catalogue
open CampaignAnalytics.Comparison
open CampaignAnalytics.FSharp
open CampaignAnalytics.Frames
open CampaignAnalytics.Models
open CampaignAnalytics.Rates
open CampaignAnalytics.Schemas
open CampaignAnalytics.Statistics
open CampaignAnalytics.Windows
open CampaignAnalytics.FSharp.Tests.Support
open Xunit

let private firstDay () = load "multichannel-real.json" |> daysOf |> List.head

[<Fact>]
let ``Variation functions read every metric and rate of every channel as the catalogue does`` () =
    let day = firstDay ()
    let checkedElements =
        catalogue.Channels
        |> Seq.collect (fun channel ->
            channel.GetVariations day
            |> Seq.map (fun element ->
                Seq.append channel.Metrics channel.DerivedMetrics
                |> Seq.iter (fun metric ->
                    equal (Metric.value metric element) (element |> Variation.value metric.Name)
                    if metric.Kind = MetricKind.Count then
                        equal (Metric.count metric element) (element |> Variation.count metric.Name))
                channel.Rates |> Seq.iter (fun rate -> equal (Rate.evaluate rate element) (element |> Variation.rate rate.Name))
                element))
        |> Seq.length
    Assert.True(checkedElements >= 6, sprintf "only %d elements" checkedElements)
    // Push channels share one record type: a derived metric still reads per element (iOS has no "delivered").
    let push (channel: ChannelDescriptor) = channel.GetVariations day |> Seq.exactlyOne
    equal (Some 296L) (push CampaignDataSeriesCatalogue.IosPushChannel |> Variation.count "deliveries")
    equal (Some 270L) (push CampaignDataSeriesCatalogue.AndroidPushChannel |> Variation.count "deliveries")

[<Fact>]
let ``A name the channel lacks is an error naming its metrics, never an absent value`` () =
    let element = firstDay () |> emailOf |> List.head
    let e = Assert.Throws<ArgumentException>(fun () -> element |> Variation.count "snet" |> ignore)
    Assert.StartsWith("'snet' is not a metric of EmailVariation; its metrics: ", e.Message)
    Assert.Contains("unique_clicks", e.Message)
    let rate = Assert.Throws<ArgumentException>(fun () -> element |> Variation.rate "UniqueClikRate" |> ignore)
    Assert.Contains("UniqueClickRate", rate.Message)
    Assert.Throws<InvalidOperationException>(fun () -> element |> Variation.count "revenue" |> ignore) |> ignore
    equal (Some 600.25) (element |> Variation.value "revenue")
    let email = CampaignDataSeriesCatalogue.EmailChannel
    Assert.StartsWith("'reads' is not a metric of the channel 'email'", (Assert.Throws<ArgumentException>(fun () -> email |> Channel.metric "reads" |> ignore)).Message)
    Assert.StartsWith("'Nope' is not a rate of the channel 'email'", (Assert.Throws<ArgumentException>(fun () -> email |> Channel.rate "Nope" |> ignore)).Message)
    equal (None, None) (email |> Channel.tryMetric "reads", email |> Channel.tryRate "Nope")

[<Fact>]
let ``Day functions read the daily metrics and rates by name`` () =
    let days = load "multichannel-real.json" |> daysOf
    equal [ Some 1520L; Some 0L ] (days |> List.map (Day.count "unique_recipients"))
    equal [ Some(42.0 / 1520.0); None ] (days |> List.map (Day.rate "conversionrate"))
    let rate = catalogue |> Catalogue.tryDailyRate "ConversionRate" |> Option.get
    equal (days |> List.map (fun day -> Rate.evaluate rate day)) (days |> List.map (Day.rate "ConversionRate"))
    equal (Some "conversions") (catalogue |> Catalogue.tryDailyMetric "conversions" |> Option.map (fun m -> m.Name))
    equal None (catalogue |> Catalogue.tryDailyMetric "Conversions")
    Assert.Contains("unique_recipients", (Assert.Throws<ArgumentException>(fun () -> days.Head |> Day.count "recipients" |> ignore)).Message)

[<Fact>]
let ``Values of a schema read at run time go through their channel`` () =
    let schema = SchemaCatalogue.Load(Path.Combine(projectDirectory, "..", "..", "schema", "campaign-data-series.schema.json"))
    let response = schema.ParseResponse(payloadBytes "multichannel-real.json")
    let day = response.Data |> listOf |> List.head
    let email = schema |> Catalogue.tryChannel "email" |> Option.get
    let element = email.GetVariations day |> Seq.head
    equal (Some 760L) (Metric.count (email |> Channel.metric "sent") element)
    // No generated catalogue owns a run-time value's type: an error that says what to use instead.
    let e = Assert.Throws<ArgumentException>(fun () -> element |> Variation.count "sent" |> ignore)
    Assert.Contains("Channel.metric", e.Message)
    Assert.Throws<ArgumentException>(fun () -> day |> Day.count "conversions" |> ignore) |> ignore
    // Nor any catalogue a model written by hand.
    let handMade =
        { new IVariation with
            member _.VariationApiId = "v"
            member _.VariationName = null
            member _.UnknownFields = [||] }
    Assert.Contains("is not a type of a generated catalogue", (Assert.Throws<ArgumentException>(fun () -> handMade |> Variation.value "sent" |> ignore)).Message)

[<Fact>]
let ``Statistics and comparisons as options`` () =
    let chi = ChiSquare.Homogeneity [ Proportion(200L, 10000L); Proportion(250L, 10000L) ]
    equal (Option.isSome (Test.pValue chi), 1) (true, chi.DegreesOfFreedom)
    equal (None, None) (ChiSquare.Homogeneity [ Proportion(0L, 0L) ] |> fun r -> Test.statistic r, Test.pValue r)
    let z = ZTest.TwoProportions(Proportion(250L, 10000L), Proportion(200L, 10000L))
    closeSome (1.0 - (Test.pValue z |> Option.get)) (Test.confidence z)
    equal (Test.confidence z) (Test.pValue z |> Option.map (fun p -> 1.0 - p))
    equal None (SampleRatioMismatch.Test [ 10L ] |> Test.pValue)

    let raw = [ Some 0.01; None; Some 0.04; Some 0.03 ]
    equal [ Some 0.03; None; Some 0.12; Some 0.09 ] (PValues.bonferroni raw |> List.map (Option.map (fun p -> Math.Round(p, 12))))
    equal (PValues.holm raw) (PValues.adjust PValueAdjustment.Holm raw)
    equal [ Some 0.03; None; Some 0.04; Some 0.04 ] (PValues.benjaminiHochberg raw |> List.map (Option.map (fun p -> Math.Round(p, 12))))

    let result = VariationComparison.Compare([ ArmCounts("c", "Control Group", 10000L, 200L); ArmCounts("b", "B", 10000L, 250L) ], "c")
    let control = ComparisonResult.control result |> Option.get
    let variant = result.Rows |> Seq.last
    equal ("c", None, None, None) (control.VariationKey, ComparisonRow.relativeLift control, ComparisonRow.probabilityToBeatControl control, ComparisonRow.differenceInterval control)
    equal (Some 0.02) (ComparisonRow.rate control)
    equal (Some(control.RateLower.GetValueOrDefault(), control.RateUpper.GetValueOrDefault())) (ComparisonRow.rateInterval control)
    closeSome 0.005 (ComparisonRow.absoluteLift variant)
    equal (Some(variant.DifferenceLower.GetValueOrDefault(), variant.DifferenceUpper.GetValueOrDefault())) (ComparisonRow.differenceInterval variant)
    equal (Test.pValue variant) (ComparisonRow.pValue variant)
    equal None (VariationComparison.Compare [] |> ComparisonResult.control)

[<Fact>]
let ``Rate rows, changes and frames as options`` () =
    let data = CampaignDataSet.Create(catalogue, "cmp-1", load "multichannel-real.json")
    let row =
        CampaignRates.Compute(data)
        |> Seq.find (fun r -> r.Channel = "email" && r.VariationApiId = "8a4b-email-a" && r.Rate = "UniqueClickRate")
    equal (Some(80.0 / 750.0), None) (RateRow.value row, RateRow.exceedingDay row)

    let series = DailySeries.Create(daysOf (synthetic ()), fun day -> day.Time)
    let windows = PeriodOverPeriod.LastFullWeeks(syntheticStart.PlusDays 16)
    let changes =
        series.Compare(
            windows,
            [ WindowMetric.FromCount("conversions", fun (day: DailyDataPoint) -> day.Conversions) ],
            [ WindowRate.FromCounts("ConversionRate", (fun (day: DailyDataPoint) -> day.Conversions), (fun day -> day.UniqueRecipients)) ])
    let conversions = changes.Metrics |> Seq.exactlyOne
    // Weeks of 38..44 and 45..51 conversions a day.
    equal (Some 336.0, Some 287.0, Some 49.0) (Change.current conversions, Change.previous conversions, Change.absolute conversions)
    closeSome (49.0 / 287.0) (Change.relative conversions)
    let rate = changes.Rates |> Seq.exactlyOne
    let current, previous = Change.current rate |> Option.get, Change.previous rate |> Option.get
    closeSome ((current - previous) * 100.0) (Change.points rate)

    let frame = data.ToWideFrame "email"
    Assert.Throws<ArgumentException>(fun () -> frame |> Frame.values<float> "no_such_column" |> ignore) |> ignore
    equal [ Some "8a4b-email-a"; Some "8a4b-email-b"; Some "8a4b-control" ] (frame |> Frame.strings ColumnNames.VariationApiId)
