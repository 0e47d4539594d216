/// Typed rows and DataFrames of a data set.
module CampaignAnalytics.FSharp.Tests.FrameTests

open CampaignAnalytics.Catalogue
open CampaignAnalytics.FSharp
open CampaignAnalytics.Frames
open CampaignAnalytics.Models
open CampaignAnalytics.FSharp.Tests.Support
open Microsoft.Data.Analysis
open NodaTime
open Xunit

let private dataSet () = CampaignDataSet.Create(catalogue, "cmp-1", load "multichannel-real.json")

[<Fact>]
let ``A data set's typed rows: days, elements by channel, unknown data`` () =
    let data = dataSet ()
    equal [ LocalDate(2025, 6, 19); LocalDate(2025, 6, 20) ] (data.Days |> Seq.map (fun d -> d.Date) |> List.ofSeq)
    equal [ "ios_push"; "android_push"; "webhook"; "email" ] (data.ChannelsPresent |> Seq.map (fun c -> c.Key) |> List.ofSeq)
    equal 6 data.Elements.Count

    let email = data.ElementsOf CampaignDataSeriesCatalogue.EmailChannel |> List.ofSeq
    equal [ "8a4b-email-a"; "8a4b-email-b"; "8a4b-control" ] (email |> List.map (fun row -> row.VariationKey))
    equal [ false; false; true ] (email |> List.map (fun row -> row.IsControl))
    Assert.All(email, fun row -> equal "cmp-1" row.CampaignId)

    equal [ "line" ] (data.UnknownChannels |> Seq.map (fun u -> u.ChannelKey) |> List.ofSeq)
    let unknownFields = data.UnknownFields |> Seq.map (fun f -> Option.ofObj f.Channel, f.FieldName) |> Set.ofSeq
    equal (set [ None, "some_future_field"; Some "webhook", "latency_p99_ms" ]) unknownFields

[<Fact>]
let ``Metric values: fields, derived and dynamic, only where reported`` () =
    let data = dataSet ()
    let derived =
        data.Values
        |> Seq.filter (fun v -> v.Source = MetricSource.Derived)
        |> Seq.map (fun v -> v.Channel, v.Metric, v.Value)
        |> List.ofSeq
    equal [ "ios_push", "deliveries", 296.0; "android_push", "deliveries", 270.0 ] derived
    Assert.Contains(data.Values, fun v -> v.Source = MetricSource.Dynamic && v.Metric = "notif_button_1_Buy_click" && v.Value = 8.0)
    // The control group reports no "sent": no row, rather than a zero.
    Assert.DoesNotContain(data.Values, fun v -> v.Metric = "sent" && v.VariationName = "Control Group")
    equal [ "conversions", 42.0; "unique_recipients", 1520.0 ]
        (data.DailyValues |> Seq.filter (fun v -> v.Metric = "conversions" || v.Metric = "unique_recipients") |> Seq.filter (fun v -> v.Date = LocalDate(2025, 6, 19)) |> Seq.map (fun v -> v.Metric, v.Value) |> List.ofSeq)

[<Fact>]
let ``Long, wide, daily and unknown-channel frames`` () =
    let data = dataSet ()

    let long = data.ToLongFrame()
    let reported = data.Values |> Seq.filter (fun v -> not v.IsDerived) |> List.ofSeq
    equal (int64 reported.Length) long.Rows.Count
    equal [ ColumnNames.CampaignId; ColumnNames.Date; ColumnNames.Channel; ColumnNames.VariationApiId; ColumnNames.VariationName; ColumnNames.Metric; ColumnNames.Value ]
        (long.Columns |> Seq.map (fun c -> c.Name) |> List.ofSeq)
    let values = long |> Frame.values<float> ColumnNames.Value
    equal (reported |> List.map (fun v -> Some v.Value)) values
    let withDerived = data.ToLongFrame(includeDerived = true)
    equal (int64 data.Values.Count) withDerived.Rows.Count

    let wide = data.ToWideFrame "email"
    equal 3L wide.Rows.Count
    equal [ Some 760L; Some 740L; None ] (wide |> Frame.values<int64> "sent")
    equal [ Some "Variant A"; Some "Variant B"; Some "Control Group" ] (wide |> Frame.strings ColumnNames.VariationName)
    equal [ "ios_push"; "android_push"; "webhook"; "email" ] (data.ToWideFrames() |> Seq.map (fun kv -> kv.Key) |> List.ofSeq)
    let withDynamic = data.ToWideFrame(CampaignDataSeriesCatalogue.IosPushChannel, includeDynamic = true)
    Assert.Contains("notif_button_1_Buy_click", withDynamic.Columns |> Seq.map (fun c -> c.Name))

    let totals = data.ToDailyTotalsFrame()
    equal [ Some "2025-06-19"; Some "2025-06-20" ] (totals |> Frame.strings ColumnNames.Date)
    equal [ Some 42L; None ] (totals |> Frame.values<int64> "conversions")

    let unknown = data.ToUnknownChannelsFrame()
    equal [ Some "line" ] (unknown |> Frame.strings ColumnNames.Channel)

[<Fact>]
let ``Several campaigns in one data set, and a wrong model type is refused`` () =
    let campaigns = [ CampaignDays<DailyDataPoint>("a", daysOf (load "multichannel-real.json")); CampaignDays<DailyDataPoint>("b", daysOf (load "multivariate-iam.json")) ]
    let data = CampaignDataSet.Create(catalogue, campaigns)
    equal [ "a"; "a"; "b" ] (data.Days |> Seq.map (fun d -> d.CampaignId) |> List.ofSeq)
    equal 3 (data.ElementsOf CampaignDataSeriesCatalogue.TriggerInAppMessageChannel).Count
    // A response that is not the catalogue's type is an argument error, not a cast failure later.
    let foreign = { new IDataSeriesResponse with
                        member _.Message = "success"
                        member _.Data = null
                        member _.UnknownFields = [||] }
    Assert.Throws<System.ArgumentException>(fun () -> CampaignDataSet.Create(catalogue, "x", foreign) |> ignore) |> ignore
