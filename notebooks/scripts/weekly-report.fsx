// Weekly report of a campaign: every channel's conversion rate per variation per ISO week, and the email
// variations against the control group. Usage (after packing, see notebooks/README.md):
//   dotnet fsi weekly-report.fsx [response.json]        (default: ../data/spring-sale.json)
// The package (the F# companion, which brings CampaignAnalytics) comes from ../../artifacts/packages, which
// ../NuGet.config makes a package source.
#r "nuget: CampaignAnalytics.FSharp, 0.1.0"

open System
open System.Globalization
open System.IO
open CampaignAnalytics.Comparison
open CampaignAnalytics.FSharp
open CampaignAnalytics.Frames
open CampaignAnalytics.Models
open CampaignAnalytics.Rates

let path =
    match fsi.CommandLineArgs |> Array.tail with
    | [| file |] -> file
    | _ -> Path.Combine(__SOURCE_DIRECTORY__, "..", "data", "spring-sale.json")

let catalogue = CampaignDataSeriesCatalogue.Instance
let response = CampaignDataSeriesResponse.Parse(File.ReadAllBytes path)
let data = CampaignDataSet.Create(catalogue, Path.GetFileNameWithoutExtension path, response)
let iso (d: NodaTime.LocalDate) = d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)
let pct (v: float option) = v |> Option.map (fun v -> (v * 100.0).ToString("F2", CultureInfo.InvariantCulture) + "%") |> Option.defaultValue "-"

printfn "Weekly report of %s: %d days, %s to %s" (Path.GetFileName path) response.Data.Count (iso response.Data.[0].Time) (iso response.Data.[response.Data.Count - 1].Time)

CampaignRates.CommonRates(data, RateGrouping(Period = RatePeriod.IsoWeek))
|> Seq.groupBy (fun r -> r.PeriodStart)
|> Seq.iter (fun (week, rows) ->
    printfn ""
    printfn "Week of %s" (iso week)
    rows
    |> Seq.sortBy (fun r -> r.Channel, r.VariationName)
    |> Seq.iter (fun r -> printfn "  %-16s %-26s %8s of %9s  %s" r.Channel r.VariationName (r.Numerator.ToString("N0", CultureInfo.InvariantCulture)) (r.Denominator.ToString("N0", CultureInfo.InvariantCulture)) (pct (RateRow.value r))))

let comparison = ChannelComparison.Compare(catalogue, response, "email")
printfn ""
printfn "Email conversion rate against the control group (Holm-adjusted p-values):"
comparison.Result.Rows
|> Seq.iter (fun r ->
    let p = ComparisonRow.adjustedPValue r |> Option.map (fun p -> p.ToString("0.####E+0", CultureInfo.InvariantCulture)) |> Option.defaultValue "-"
    printfn "  %-26s %s  p=%s%s" r.VariationName (pct (ComparisonRow.rate r)) p (if r.IsControl then "  (control)" else ""))
