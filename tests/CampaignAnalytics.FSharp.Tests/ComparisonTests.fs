/// Variation comparisons: from counts, and from a channel of a response.
module CampaignAnalytics.FSharp.Tests.ComparisonTests

open CampaignAnalytics.Comparison
open CampaignAnalytics.FSharp
open CampaignAnalytics.Models
open CampaignAnalytics.Statistics
open CampaignAnalytics.FSharp.Tests.Support
open NodaTime
open Xunit

/// Two days whose sums are STATS.md's 250/10000 (variant) against 200/10000 (control), then a day outside the window.
let private twoDays =
    """{"message":"success","data":[
      {"time":"2025-01-01","messages":{"email":[
        {"variation_api_id":"v-a","variation_name":"A","sent":6000,"delivered":5900,"unique_clicks":300,"unique_recipients":6000,"conversions":150},
        {"variation_api_id":"v-c","variation_name":"Control Group","enrolled":6000,"unique_recipients":6000,"conversions":120}]}},
      {"time":"2025-01-02","messages":{"email":[
        {"variation_api_id":"v-a","variation_name":"A","sent":4000,"delivered":3950,"unique_clicks":100,"unique_recipients":4000,"conversions":100},
        {"variation_api_id":"v-c","variation_name":"Control Group","enrolled":4000,"unique_recipients":4000,"conversions":80}]}},
      {"time":"2025-01-03","messages":{"email":[
        {"variation_api_id":"v-a","variation_name":"A","sent":1,"unique_recipients":1,"conversions":1}]}}
    ]}"""

[<Fact>]
let ``A channel comparison sums over the window, then tests against the control group`` () =
    let window = DateInterval(LocalDate(2025, 1, 1), LocalDate(2025, 1, 2))
    let result = ChannelComparison.Compare(catalogue, CampaignDataSeriesResponse.Parse twoDays, "email", ChannelComparisonOptions(Window = window))
    equal "ConversionRate" result.Rate.Name
    equal 2 result.DaysCounted
    equal (Some window) (Option.ofObj result.Window)
    let control = result.Control |> Option.ofObj |> Option.get
    equal ("v-c", true) (control.Key, control.IsControlGroup)
    equal (Some 1) (ComparisonResult.controlIndex result.Result)
    equal (Some "v-c") (ComparisonResult.control result.Result |> Option.map (fun row -> row.VariationKey))

    let variant = result.Result.Rows |> Seq.head
    equal (10000L, 250L) (variant.Trials, variant.Successes)
    closeSome 2.3839951328405053 (ComparisonRow.zStatistic variant)
    closeSome 0.01712582887219501 (ComparisonRow.pValue variant)
    closeSome 0.9914227751234097 (ComparisonRow.probabilityToBeatControl variant)
    closeSome 0.0008870475992941457 (ComparisonRow.differenceInterval variant |> Option.map fst)
    closeSome 0.009138266721419232 (ComparisonRow.differenceInterval variant |> Option.map snd)
    closeSome 0.005 (ComparisonRow.absoluteLift variant)
    closeSome 0.25 (ComparisonRow.relativeLift variant)
    let controlRow = result.Result.Rows |> Seq.item 1
    equal (None, None) (ComparisonRow.pValue controlRow, ComparisonRow.zStatistic controlRow)

    let frame = result.ToDataFrame()
    equal 2L frame.Rows.Count
    equal [ Some "v-a"; Some "v-c" ] (frame |> Frame.strings "variation_api_id")
    equal [ Some 2.3839951328405053; None ] (frame |> Frame.values<float> "z")

[<Fact>]
let ``Any declared rate can be compared, against a chosen baseline, one-sided`` () =
    let options =
        ChannelComparisonOptions(
            Rate = "uniqueclickrate",
            Control = "A",
            Statistics = ComparisonOptions(Alternative = Alternative.Larger, ConfidenceLevel = 0.9))
    let result = ChannelComparison.Compare(catalogue, CampaignDataSeriesResponse.Parse twoDays, "email", options)
    equal "UniqueClickRate" result.Rate.Name
    equal (Some "v-a") (result.Control |> Option.ofObj |> Option.map (fun arm -> arm.Key))
    // The control-group element reports no "delivered": no trials for this rate, no tests.
    let controlGroup = result.Result.Rows |> Seq.item 1
    equal (0L, None) (controlGroup.Trials, ComparisonRow.pValue controlGroup)
    Assert.Throws<System.ArgumentException>(fun () ->
        ChannelComparison.Compare(catalogue, CampaignDataSeriesResponse.Parse twoDays, "email", ChannelComparisonOptions(Rate = "NoSuchRate")) |> ignore)
    |> ignore

[<Fact>]
let ``Comparing the email variations of the real payload against its control group`` () =
    let response = load "multichannel-real.json"
    let result = ChannelComparison.Compare(catalogue, response, "email")
    let rows = result.Result.Rows |> List.ofSeq
    equal [ "8a4b-email-a", 760L, 22L; "8a4b-email-b", 740L, 18L; "8a4b-control", 160L, 2L ] (rows |> List.map (fun r -> r.VariationKey, r.Trials, r.Successes))
    equal (Some "8a4b-control") (result.Control |> Option.ofObj |> Option.map (fun arm -> arm.Key))
    let direct = ZTest.TwoProportions(Proportion(22L, 760L), Proportion(2L, 160L))
    close (Test.statistic direct |> Option.get) (ComparisonRow.zStatistic rows.Head |> Option.get)
    // Exposure for the sample-ratio check: sends, else enrolment.
    let withExposure = ChannelComparison.Compare(catalogue, response, "email", ChannelComparisonOptions(ExposureMetrics = [ "sent"; "enrolled" ]))
    equal SampleRatioBasis.Exposure withExposure.Result.SampleRatioBasis
    equal [ 760L; 740L; 160L ] (withExposure.Result.SampleRatioMismatch.Observed |> List.ofSeq)

[<Fact>]
let ``Variation comparison from counts, with the chi-square across all arms`` () =
    let arms =
        [ ArmCounts("control", "Control Group", 10000L, 200L)
          ArmCounts("b", "B", 10000L, 250L)
          ArmCounts("c", "C", 10000L, 230L) ]
    let result = VariationComparison.Compare(arms, "control")
    equal (Some 0) (ComparisonResult.controlIndex result)
    closeSome 2.3839951328405053 (result.Rows |> Seq.item 1 |> ComparisonRow.zStatistic)
    closeSome 0.01712582887219501 (result.Rows |> Seq.item 1 |> ComparisonRow.pValue)
    closeSome 5.7178396597383845 (Test.statistic result.ChiSquare)
    closeSome 0.057330653691431574 (Test.pValue result.ChiSquare)
    equal SampleRatioBasis.Trials result.SampleRatioBasis
    // Holm across the two variants' p-values.
    let rawP = result.Rows |> Seq.skip 1 |> Seq.map ComparisonRow.pValue |> List.ofSeq
    let adjusted = result.Rows |> Seq.skip 1 |> Seq.map ComparisonRow.adjustedPValue |> List.ofSeq
    equal (PValues.holm rawP) adjusted

    let byIndex = VariationComparison.Compare(arms, options = ComparisonOptions(IntendedWeights = [ 1.0; 1.0; 1.0 ]))
    equal (result.Rows |> List.ofSeq) (byIndex.Rows |> List.ofSeq)
    closeSome 0.0 (Test.statistic byIndex.SampleRatioMismatch)
    equal (None, 0) (ComparisonResult.controlIndex (VariationComparison.Compare []), (VariationComparison.Compare []).Rows.Count)

[<Fact>]
let ``A comparison names the conversion event it measures when the campaign's labels are given, None otherwise`` () =
    let events = [| ConversionEvent(0, "Makes Specific Purchase", "Purchase of \"Feline Body Armor\"") |]
    let labels = CampaignAnalytics.Frames.CampaignLabels("c-1", "Spring sale", events)
    let response = CampaignDataSeriesResponse.Parse twoDays
    let labelled = ChannelComparison.Compare(catalogue, response, "email", ChannelComparisonOptions(Labels = labels))
    equal "ConversionRate" labelled.Rate.Name
    equal (Some "A: Purchase of \"Feline Body Armor\"") (ChannelComparisonResult.conversionEvent labelled |> Option.map (fun e -> e.Letter + ": " + e.Label))
    equal [ Some "conversions"; Some "conversions" ] (labelled.Result.Rows |> Seq.map (ComparisonRow.conversionEvent >> Option.map (fun e -> e.Field)) |> List.ofSeq)
    let sequential = SequentialComparison.Compare(catalogue, response, "email", SequentialComparisonOptions(Comparison = ChannelComparisonOptions(Labels = labels)))
    equal (Some "conversions") (SequentialComparisonResult.conversionEvent sequential |> Option.map (fun e -> e.Field))

    // A rate that counts no conversion, or no labels: None.
    let clicks = ChannelComparison.Compare(catalogue, response, "email", ChannelComparisonOptions(Rate = "uniqueclickrate", Labels = labels))
    equal None (ChannelComparisonResult.conversionEvent clicks)
    equal None (ChannelComparison.Compare(catalogue, response, "email") |> ChannelComparisonResult.conversionEvent)
