/// Bad input: one exception type, with the JSON path of the offending value.
module CampaignAnalytics.FSharp.Tests.ErrorTests

open System.IO
open CampaignAnalytics.Models
open CampaignAnalytics.Serialization
open CampaignAnalytics.Store
open CampaignAnalytics.FSharp.Tests.Support
open Xunit

/// Parsing as a Result: the library's exception becomes an Error value.
let private tryParse (json: string) =
    try
        Ok(CampaignDataSeriesResponse.Parse json)
    with :? CampaignJsonException as e ->
        Error e

let private failure json =
    match tryParse json with
    | Ok _ -> failwith "expected a CampaignJsonException"
    | Error e -> e

[<Fact>]
let ``A wrong type raises CampaignJsonException with the JSON path and position`` () =
    let json = "{\"message\":\"success\",\"data\":[\n{\"time\":\"2025-06-19\",\"messages\":{\"email\":[{\"sent\":\"many\"}]}}]}"
    let e = failure json
    equal "$.data[0].messages.email[0].sent" e.JsonPath
    Assert.StartsWith("expected an integer", e.Problem)
    equal (Some 2L) (Option.ofNullable e.Line)
    Assert.True(Option.ofNullable e.Column |> Option.exists (fun c -> c > 1L))
    Assert.StartsWith("$.data[0].messages.email[0].sent: ", e.Message)

[<Fact>]
let ``Bad dates and truncated input are located too`` () =
    equal "$.data[0].time" (failure """{"data":[{"time":"June 19"}]}""").JsonPath
    Assert.StartsWith("$", (failure """{"data":[{"time":"2025-06-19" """).JsonPath)
    // The catalogue's entry point throws the same exception.
    let viaCatalogue =
        try
            catalogue.ParseResponse("""{"data":[{"time":1}]}"""B) |> Ok
        with :? CampaignJsonException as e ->
            Error e.JsonPath
    equal (Error "$.data[0].time") viaCatalogue
    equal true (tryParse (payloadPath "multichannel-real.json" |> File.ReadAllText) |> Result.isOk)

[<Fact>]
let ``Opening a file that is not a store raises CampaignStoreException`` () =
    let path, cleanup = tempFile ".db"
    use _ = cleanup
    File.WriteAllText(path, "not a database, just text that is long enough to have a header of some kind......")
    let outcome =
        try
            use store = CampaignStore.Open path
            Ok store.Path
        with :? CampaignStoreException as e ->
            Error e.Path
    equal (Error path) outcome
