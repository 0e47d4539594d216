/// The F# example of README-snippets.md, as code the tests run (ReadmeSnippetTests checks the two stay the same).
module CampaignAnalytics.FSharp.Tests.ReadmeSnippet

// snippet-start
open System.Globalization
open System.IO
open CampaignAnalytics.Comparison
open CampaignAnalytics.Frames
open CampaignAnalytics.Models
open CampaignAnalytics.Rates

let percent (value: System.Nullable<float>) =
    value |> Option.ofNullable |> Option.map (fun v -> sprintf "%.2f%%" (100.0 * v)) |> Option.defaultValue "n/a"

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
            r.Rate (percent r.Value))

    // Email variations against the control group: conversion rate, z-test, Holm, Bayesian.
    ChannelComparison.Compare(catalogue, response, "email").Result.Rows
    |> Seq.iter (fun row ->
        if row.IsControl then
            fprintfn out "%s: %s (control)" (orDash row.VariationName) (percent row.Rate)
        else
            fprintfn out "%s: %s, lift %s, p = %.4f (Holm %.4f), P(beat control) = %s"
                (orDash row.VariationName) (percent row.Rate) (percent row.RelativeLift)
                (row.PValue.GetValueOrDefault nan) (row.AdjustedPValue.GetValueOrDefault nan)
                (percent row.ProbabilityToBeatControl))
// snippet-end
