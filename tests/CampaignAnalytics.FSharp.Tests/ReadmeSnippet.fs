/// The F# example of README-snippets.md, as code the tests run (ReadmeSnippetTests checks the two stay the same).
module CampaignAnalytics.FSharp.Tests.ReadmeSnippet

// snippet-start
open System.Globalization
open System.IO
open CampaignAnalytics.Comparison
open CampaignAnalytics.FSharp
open CampaignAnalytics.Frames
open CampaignAnalytics.Models
open CampaignAnalytics.Rates

let percent (value: float option) =
    value |> Option.map (fun v -> sprintf "%.2f%%" (100.0 * v)) |> Option.defaultValue "n/a"

let decimals (value: float option) = value |> Option.map (sprintf "%.4f") |> Option.defaultValue "n/a"

let orDash (text: string | null) = text |> Option.ofObj |> Option.defaultValue "-"

let report (out: TextWriter) (path: string) =
    let catalogue = CampaignDataSeriesCatalogue.Instance
    let response = File.ReadAllBytes path |> CampaignDataSeriesResponse.Parse
    let data = CampaignDataSet.Create(catalogue, "my-campaign", response)

    // Rates by ISO week, per channel and variation: counts summed over the week, then divided.
    CampaignRates.Compute(data, RateGrouping(Period = RatePeriod.IsoWeek))
    |> Seq.iter (fun r ->
        fprintfn out "%s %-12s %-14s %-16s %s"
            (r.PeriodStart.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture))
            (orDash r.Channel) (orDash (r.VariationName |> Option.ofObj |> Option.defaultWith (fun () -> orDash r.VariationApiId)))
            r.Rate (percent (RateRow.value r)))

    // Email variations against the control group: conversion rate, z-test, Holm, Bayesian.
    ChannelComparison.Compare(catalogue, response, "email").Result.Rows
    |> Seq.iter (fun row ->
        if row.IsControl then
            fprintfn out "%s: %s (control)" (orDash row.VariationName) (percent (ComparisonRow.rate row))
        else
            fprintfn out "%s: %s, lift %s, p = %s (Holm %s), P(beat control) = %s"
                (orDash row.VariationName) (percent (ComparisonRow.rate row)) (percent (ComparisonRow.relativeLift row))
                (decimals (ComparisonRow.pValue row)) (decimals (ComparisonRow.adjustedPValue row))
                (percent (ComparisonRow.probabilityToBeatControl row)))
// snippet-end
