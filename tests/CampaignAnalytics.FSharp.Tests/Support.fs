/// Helpers shared by the tests: payloads, a synthetic multi-week response, and comparisons.
module CampaignAnalytics.FSharp.Tests.Support

open System
open System.Collections.Generic
open System.IO
open CampaignAnalytics.Models
open NodaTime
open Xunit

/// The generated catalogue of the Braze data-series schema.
let catalogue = CampaignDataSeriesCatalogue.Instance

/// This project's source folder, found from the test output (not __SOURCE_DIRECTORY__, which deterministic
/// CI builds map to "/_/").
let projectDirectory =
    let rec up (dir: DirectoryInfo | null) =
        match dir with
        | null -> failwithf "CampaignAnalytics.sln not found above %s" AppContext.BaseDirectory
        | d when File.Exists(Path.Combine(d.FullName, "CampaignAnalytics.sln")) -> Path.Combine(d.FullName, "tests", "CampaignAnalytics.FSharp.Tests")
        | d -> up d.Parent
    up (DirectoryInfo AppContext.BaseDirectory)

/// A payload file copied beside the tests (shared with the C# tests).
let payloadPath name = Path.Combine(AppContext.BaseDirectory, "Payloads", name)

/// A payload as UTF-8 bytes.
let payloadBytes name = payloadPath name |> File.ReadAllBytes

/// A payload parsed into the generated response type.
let load name = payloadBytes name |> CampaignDataSeriesResponse.Parse

/// A possibly-null list from the models as an F# list (absent = empty).
let listOf (items: IReadOnlyList<'T> | null) : 'T list =
    items |> Option.ofObj |> Option.map List.ofSeq |> Option.defaultValue []

/// The days of a generated response.
let daysOf (response: CampaignDataSeriesResponse) = listOf response.Data

/// The email elements of a day (empty when the day has none).
let emailOf (day: DailyDataPoint) =
    day.Messages |> Option.ofObj |> Option.map (fun m -> listOf m.Email) |> Option.defaultValue []

/// Equality with the type fixed, so xunit never picks its collection overload by surprise.
let equal<'T> (expected: 'T) (actual: 'T) = Assert.Equal<'T>(expected, actual)

/// STATS.md's tolerance: 1e-9 relative (absolute near zero).
let close (expected: float) (actual: float) =
    let tolerance = max (abs expected * 1e-9) 1e-15
    Assert.True(abs (expected - actual) <= tolerance, sprintf "expected %.17g, got %.17g" expected actual)

/// Like `close`, for a value the library may leave out (None, through CampaignAnalytics.FSharp).
let closeSome (expected: float) (actual: float option) =
    match actual with
    | Some value -> close expected value
    | None -> Assert.Fail(sprintf "expected %.17g, got no value" expected)

/// First day of the synthetic series: Monday 2 June 2025 (ISO week 23).
let syntheticStart = LocalDate(2025, 6, 2)

/// Two full ISO weeks of an email A/B test with a control group, as Braze would send it:
/// day i has variant A sent 1000 + 10i (delivered 990 + 10i, unique clicks 50 + i, conversions 20 + i),
/// variant B sent 1000 (delivered 995, unique clicks 40, conversions 15) and a control group of 200
/// recipients with 3 conversions. Day totals: unique_recipients 2200 + 10i, conversions 38 + i.
let syntheticJson =
    let element (apiId: string) (name: string) (fields: (string * int) list) =
        let body = fields |> List.map (fun (k, v) -> sprintf "\"%s\":%d" k v) |> String.concat ","
        sprintf "{\"variation_api_id\":\"%s\",\"variation_name\":\"%s\",%s}" apiId name body
    let day i =
        let date = syntheticStart.PlusDays i
        let a = element "email-a" "Variant A" [ "sent", 1000 + 10 * i; "delivered", 990 + 10 * i; "unique_clicks", 50 + i; "unique_recipients", 1000 + 10 * i; "conversions", 20 + i ]
        let b = element "email-b" "Variant B" [ "sent", 1000; "delivered", 995; "unique_clicks", 40; "unique_recipients", 1000; "conversions", 15 ]
        let control = element "email-control" "Control Group" [ "enrolled", 200; "unique_recipients", 200; "conversions", 3 ]
        sprintf "{\"time\":\"%04d-%02d-%02d\",\"unique_recipients\":%d,\"conversions\":%d,\"messages\":{\"email\":[%s,%s,%s]}}"
            date.Year date.Month date.Day (2200 + 10 * i) (38 + i) a b control
    [ 0..13 ] |> List.map day |> String.concat "," |> sprintf "{\"message\":\"success\",\"data\":[%s]}"

/// The synthetic series parsed.
let synthetic () = CampaignDataSeriesResponse.Parse syntheticJson

/// A file path in the temp folder, deleted (with SQLite's side files) when disposed.
let tempFile extension =
    let path = Path.Combine(Path.GetTempPath(), "ca-fs-" + Guid.NewGuid().ToString("N") + extension)
    let cleanup () =
        [ path; path + "-wal"; path + "-shm"; path + "-journal" ] |> List.filter File.Exists |> List.iter File.Delete
    path, { new IDisposable with member _.Dispose() = cleanup () }
