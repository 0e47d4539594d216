/// The generated models: parse a payload and walk typed channels and variations.
module CampaignAnalytics.FSharp.Tests.ModelTests

open System
open System.Text.Json
open CampaignAnalytics.Catalogue
open CampaignAnalytics.FSharp
open CampaignAnalytics.Models
open CampaignAnalytics.FSharp.Tests.Support
open NodaTime
open Xunit

[<Fact>]
let ``A real payload parses into typed days, channels and variations`` () =
    let response = load "multichannel-real.json"
    equal "success" response.Message
    let days = daysOf response
    equal [ LocalDate(2025, 6, 19); LocalDate(2025, 6, 20) ] (days |> List.map (fun d -> d.Time))

    let first = days.Head
    equal (Some 42L) (first |> Day.count "conversions")
    equal None (first |> Day.count "conversions2")
    equal (Some 1234.5) (first |> Day.value "revenue")

    let email = emailOf first
    equal [ Some "Variant A"; Some "Variant B"; Some "Control Group" ] (email |> List.map (fun v -> Option.ofObj v.VariationName))
    // Only the variants carry sends; the control group reports enrolment instead.
    let sends = email |> List.choose (fun v -> v |> Variation.count "sent" |> Option.map (fun sent -> Variations.KeyOf v, sent))
    equal [ "8a4b-email-a", 760L; "8a4b-email-b", 740L ] sends
    let control = email |> List.filter (fun v -> CampaignDataSeriesCatalogue.Instance.IsControlGroup(v: IVariation)) |> List.exactlyOne
    equal (Some 160L) (control |> Variation.count "enrolled")
    equal (Some 120L) (email.Head |> Variation.count "machine_open")

[<Fact>]
let ``Push dynamic fields, empty channels and unknown data are kept`` () =
    let first = load "multichannel-real.json" |> daysOf |> List.head
    let messages = first.Messages |> Option.ofObj |> Option.get
    let push = listOf messages.IosPush |> List.exactlyOne
    let carousel = push.CarouselSlideClicks |> Option.ofObj |> Option.map (Seq.map (fun kv -> kv.Key, kv.Value) >> List.ofSeq)
    equal (Some [ "carousel_slide_1_Summer_click", 5L; "carousel_slide_2_Winter_click", 3L ]) carousel
    equal (Some 270L) (listOf messages.AndroidPush |> List.exactlyOne |> Variation.count "delivered")

    // "sms": [] is present but empty; "whats_app" is absent.
    equal (Some 0) (messages.Sms |> Option.ofObj |> Option.map Seq.length)
    equal None (messages.WhatsApp |> Option.ofObj |> Option.map Seq.length)

    equal [ "line", """[{"variation_api_id":"8a4b-line","sent":12,"read":9}]""" ] (messages.UnknownChannels |> Seq.map (fun c -> c.Name, c.Json) |> List.ofSeq)
    let hook = listOf messages.Webhook |> List.exactlyOne
    equal [ "latency_p99_ms", "812.5" ] (hook.UnknownFields |> Seq.map (fun f -> f.Name, f.Json) |> List.ofSeq)
    let extra = first.UnknownFields |> Seq.exactlyOne
    equal ("some_future_field", JsonValueKind.Object) (extra.Name, extra.ValueKind)
    equal 2 (extra.Value.GetProperty("nested").GetArrayLength() - 1)

[<Fact>]
let ``A multivariate in-app payload identifies variations by name`` () =
    let elements =
        load "multivariate-iam.json"
        |> daysOf
        |> List.exactlyOne
        |> fun day -> day.Messages |> Option.ofObj |> Option.map (fun m -> listOf m.TriggerInAppMessage) |> Option.defaultValue []
    equal [ "Variant 1"; "Variant 2"; "Control Group" ] (elements |> List.map Variations.KeyOf)
    equal [ false; false; true ] (elements |> List.map (fun v -> CampaignDataSeriesCatalogue.Instance.IsControlGroup(v: IVariation)))
    let control = elements |> List.last
    equal (None, Some 200L) (control |> Variation.count "impressions", control |> Variation.count "enrolled")
    equal None (Option.ofObj elements.Head.VariationApiId)

[<Fact>]
let ``Writing back gives the same data, through ToJson and through System.Text.Json`` () =
    [ "multichannel-real.json"; "multivariate-iam.json" ]
    |> List.iter (fun name ->
        let response = load name
        let json = response.ToJson()
        let again = CampaignDataSeriesResponse.Parse json
        equal response again
        equal json (again.ToJson())
        // The models carry their converter: System.Text.Json needs no options.
        let viaSerializer = JsonSerializer.Deserialize<CampaignDataSeriesResponse>(json) |> Option.ofObj
        equal (Some response) viaSerializer
        equal json (JsonSerializer.Serialize response))

[<Fact>]
let ``The catalogue parses to the generated types, with the same names as the models`` () =
    let bytes = payloadBytes "multichannel-real.json"
    let viaCatalogue = bytes |> catalogue.ParseResponse
    let typed = bytes |> CampaignDataSeriesResponse.Parse
    // The catalogue is typed: it gives the generated response, whose members (Data, Time) have one name each.
    equal typed viaCatalogue
    equal (typed |> daysOf |> List.map (fun d -> d.Time)) (viaCatalogue |> daysOf |> List.map (fun d -> d.Time))
    equal "success" viaCatalogue.Message
    equal (typed.ToJson()) (catalogue.ToUtf8Json viaCatalogue |> Text.Encoding.UTF8.GetString)
    let day = viaCatalogue |> daysOf |> List.head
    equal day (day |> catalogue.DayToUtf8Json |> catalogue.ParseDay)
    equal (catalogue.DayToUtf8Json day) (day |> catalogue.DayToUtf8Json |> catalogue.ParseDay |> catalogue.DayToUtf8Json)
