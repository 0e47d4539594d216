/// The catalogue as data: channels, metrics, rates, evaluated over the models.
module CampaignAnalytics.FSharp.Tests.CatalogueTests

open System
open CampaignAnalytics.Catalogue
open CampaignAnalytics.FSharp
open CampaignAnalytics.Models
open CampaignAnalytics.FSharp.Tests.Support
open Xunit

[<Fact>]
let ``Every channel of the schema is listed in schema order`` () =
    let keys = catalogue.Channels |> Seq.map (fun c -> c.Key) |> List.ofSeq
    equal
        [ "ios_push"; "android_push"; "kindle_push"; "web_push"; "webhook"; "email"; "sms"; "whats_app"
          "content_cards"; "in_app_message"; "trigger_in_app_message" ]
        keys
    equal (Some "Email") (catalogue |> Catalogue.tryChannel "email" |> Option.map (fun c -> c.DisplayName))
    equal None (catalogue |> Catalogue.tryChannel "carrier_pigeon")
    Assert.Same(CampaignDataSeriesCatalogue.EmailChannel, catalogue.FindChannel "email")

[<Fact>]
let ``Every rate is built from metrics its channel declares`` () =
    catalogue.Channels
    |> Seq.iter (fun channel ->
        Assert.NotEmpty channel.Rates
        channel.Rates
        |> Seq.iter (fun rate ->
            [ rate.Numerator; rate.Denominator ]
            |> List.iter (fun metric ->
                Assert.True(channel |> Channel.tryMetric metric.Name |> Option.isSome, sprintf "%s: %O" channel.Key rate))
            equal (Some rate) (channel |> Channel.tryRate (rate.Name.ToUpperInvariant()))))

[<Fact>]
let ``Rates evaluate per element, with no value where a side is absent`` () =
    let day = load "multichannel-real.json" |> daysOf |> List.head
    let email = CampaignDataSeriesCatalogue.EmailChannel
    let byElement name =
        email.GetVariations day |> Seq.map (fun v -> Variations.KeyOf v, Rate.evaluate (email |> Channel.rate name) v) |> List.ofSeq
    equal [ "8a4b-email-a", Some(80.0 / 750.0); "8a4b-email-b", Some(61.0 / 732.0); "8a4b-control", None ] (byElement "UniqueClickRate")
    equal [ "8a4b-email-a", Some(22.0 / 760.0); "8a4b-email-b", Some(18.0 / 740.0); "8a4b-control", Some(2.0 / 160.0) ] (byElement "ConversionRate")
    Assert.True(email.IsPresent day)
    Assert.False(CampaignDataSeriesCatalogue.WhatsAppChannel.IsPresent day)
    Assert.Empty(CampaignDataSeriesCatalogue.WhatsAppChannel.GetVariations day)

[<Fact>]
let ``Derived and dynamic push metrics read through the catalogue`` () =
    let day = load "multichannel-real.json" |> daysOf |> List.head
    let deliveries (channel: ChannelDescriptor) =
        let metric = channel |> Channel.metric "deliveries"
        Assert.True metric.IsDerived
        equal MetricKind.Count metric.Kind
        channel.GetVariations day |> Seq.map (Metric.count metric) |> List.ofSeq
    // iOS reports no "delivered": sent 300 − bounces 4. Android reports it: 270.
    equal [ Some 296L ] (deliveries CampaignDataSeriesCatalogue.IosPushChannel)
    equal [ Some 270L ] (deliveries CampaignDataSeriesCatalogue.AndroidPushChannel)

    let ios = CampaignDataSeriesCatalogue.IosPushChannel
    let element = ios.GetVariations day |> Seq.exactlyOne
    let dynamicFields =
        ios.DynamicMetrics |> Seq.collect (fun group -> group.Get element |> Seq.map (fun kv -> kv.Key, kv.Value)) |> Set.ofSeq
    equal (set [ "carousel_slide_1_Summer_click", 5L; "carousel_slide_2_Winter_click", 3L; "notif_button_1_Buy_click", 8L ]) dynamicFields
    equal (Some(21.0 / 296.0)) (ios |> Channel.tryRate "DirectOpenRate" |> Option.bind (fun rate -> Rate.evaluate rate element))

[<Fact>]
let ``Amount metrics read as values and refuse to be counts`` () =
    let day = load "multichannel-real.json" |> daysOf |> List.head
    let email = CampaignDataSeriesCatalogue.EmailChannel
    let revenue = email |> Channel.metric "revenue"
    let element = email.GetVariations day |> Seq.head
    equal MetricKind.Amount revenue.Kind
    equal (Some 600.25) (Metric.value revenue element)
    Assert.Throws<InvalidOperationException>(fun () -> revenue.GetCount element |> ignore) |> ignore

[<Fact>]
let ``Day metrics and rates cover the top-level totals`` () =
    let days = load "multichannel-real.json" |> daysOf
    let names = catalogue.DailyMetrics |> Seq.map (fun m -> m.Name) |> Set.ofSeq
    Assert.True(Set.isSubset (set [ "conversions"; "unique_recipients"; "revenue" ]) names)
    let conversionRate = catalogue.DailyRates |> Seq.find (fun r -> r.Name = "ConversionRate")
    // The second day has 0 unique recipients and no conversions: no rate, not 0.
    equal [ Some(42.0 / 1520.0); None ] (days |> List.map (fun day -> Rate.evaluate conversionRate day))

[<Fact>]
let ``Variation identity follows Braze's conventions`` () =
    equal "id-1" (Variations.KeyOf("id-1", "Name"))
    equal "Name" (Variations.KeyOf(null, "Name"))
    equal "" (Variations.KeyOf(null, null))
    equal [ true; true; false; false ] (([ "Control Group"; "  control group "; "Variant"; null ]: (string | null) list) |> List.map (fun n -> CampaignDataSeriesCatalogue.Instance.IsControlGroup(n: string | null)))
    let control = load "multivariate-iam.json" |> daysOf |> List.head |> fun d -> CampaignDataSeriesCatalogue.TriggerInAppMessageChannel.GetVariations d |> Seq.last
    Assert.True(Variations.Matches(control, "control group"))
