namespace CampaignAnalytics.FSharp

open System
open CampaignAnalytics.Comparison
open CampaignAnalytics.Models
open CampaignAnalytics.Statistics

/// Test statistics and p-values as options: None where the test is undefined (no trials, a variance of 0). Works on
/// any result with those members: ZTestResult, ChiSquareResult, GoodnessOfFitResult, ComparisonRow (p-value).
[<RequireQualifiedAccess>]
module Test =

    /// The test statistic (z, χ²), or None where the test is undefined.
    let inline statistic (result: ^Result) : float option =
        (^Result: (member Statistic: Nullable<float>) result) |> Option.ofNullable

    /// The p-value, or None where the test is undefined.
    let inline pValue (result: ^Result) : float option =
        (^Result: (member PValue: Nullable<float>) result) |> Option.ofNullable

    /// 1 − the p-value (Braze's "confidence"), or None where the test is undefined.
    let inline confidence (result: ^Result) : float option =
        (^Result: (member Confidence: Nullable<float>) result) |> Option.ofNullable

/// Adjusting several p-values for multiple comparisons, options in and out: a missing p-value stays missing and
/// does not count as a test.
[<RequireQualifiedAccess>]
module PValues =

    let private nullables (pValues: float option seq) =
        pValues |> Seq.map Option.toNullable |> Array.ofSeq

    /// The p-values adjusted by the given method, in input order.
    let adjust (adjustment: PValueAdjustment) (pValues: float option seq) : float option list =
        Adjust.Apply(nullables pValues, adjustment) |> Seq.map Option.ofNullable |> List.ofSeq

    /// Holm's step-down adjustment (controls the family-wise error rate), in input order.
    let holm (pValues: float option seq) : float option list =
        Adjust.Holm(nullables pValues) |> Seq.map Option.ofNullable |> List.ofSeq

    /// Bonferroni's adjustment, in input order.
    let bonferroni (pValues: float option seq) : float option list =
        Adjust.Bonferroni(nullables pValues) |> Seq.map Option.ofNullable |> List.ofSeq

    /// Benjamini–Hochberg's adjustment (controls the false discovery rate), in input order.
    let benjaminiHochberg (pValues: float option seq) : float option list =
        Adjust.BenjaminiHochberg(nullables pValues) |> Seq.map Option.ofNullable |> List.ofSeq

/// One arm of a comparison, its optional columns as options (None for the control's test columns, and where an arm
/// or the control has 0 trials). Rates, lifts and bounds are fractions (0.025 = 2.5 %).
[<RequireQualifiedAccess>]
module ComparisonRow =

    /// Successes / trials, or None with 0 trials.
    let rate (row: ComparisonRow) : float option = Option.ofNullable row.Rate

    /// The Wilson interval of the rate as (lower, upper), or None with 0 trials.
    let rateInterval (row: ComparisonRow) : (float * float) option =
        match Option.ofNullable row.RateLower, Option.ofNullable row.RateUpper with
        | Some lower, Some upper -> Some(lower, upper)
        | _ -> None

    /// Rate − the control's rate, or None for the control or when either rate is missing.
    let absoluteLift (row: ComparisonRow) : float option = Option.ofNullable row.AbsoluteLift

    /// (Rate − the control's rate) / the control's rate, or None for the control, a missing rate or a control rate of 0.
    let relativeLift (row: ComparisonRow) : float option = Option.ofNullable row.RelativeLift

    /// The pooled two-proportion z against the control, or None where undefined.
    let zStatistic (row: ComparisonRow) : float option = Option.ofNullable row.ZStatistic

    /// The z-test's p-value, or None where undefined.
    let pValue (row: ComparisonRow) : float option = Option.ofNullable row.PValue

    /// The p-value adjusted across the non-control arms (Holm by default), or None where the p-value is None.
    let adjustedPValue (row: ComparisonRow) : float option = Option.ofNullable row.AdjustedPValue

    /// The Bayesian probability that the arm's rate exceeds the control's, or None for the control or with 0 trials.
    let probabilityToBeatControl (row: ComparisonRow) : float option = Option.ofNullable row.ProbabilityToBeatControl

    /// The Newcombe interval of rate − the control's rate as (lower, upper), or None when either has 0 trials.
    let differenceInterval (row: ComparisonRow) : (float * float) option =
        match Option.ofNullable row.DifferenceLower, Option.ofNullable row.DifferenceUpper with
        | Some lower, Some upper -> Some(lower, upper)
        | _ -> None

    /// The conversion event the compared rate counts, or None when the comparison did not know the campaign's events
    /// (no ChannelComparisonOptions.Labels) or the rate counts no conversion.
    let conversionEvent (row: ComparisonRow) : ConversionEvent option = Option.ofObj row.ConversionEvent

/// A comparison's control arm.
[<RequireQualifiedAccess>]
module ComparisonResult =

    /// The index of the control row, or None when there are no arms.
    let controlIndex (result: ComparisonResult) : int option = Option.ofNullable result.ControlIndex

    /// The control row, or None when there are no arms.
    let control (result: ComparisonResult) : ComparisonRow option =
        controlIndex result |> Option.map (fun i -> result.Rows.[i])

/// The conversion event a channel comparison measures.
[<RequireQualifiedAccess>]
module ChannelComparisonResult =

    /// The conversion event the compared rate counts (e.g. A, Purchase of "Feline Body Armor", for conversions), or None
    /// when the campaign's events are unknown (no ChannelComparisonOptions.Labels) or the rate counts no conversion.
    let conversionEvent (result: ChannelComparisonResult) : ConversionEvent option = Option.ofObj result.ConversionEvent

/// The conversion event a sequential readout measures.
[<RequireQualifiedAccess>]
module SequentialComparisonResult =

    /// The conversion event the compared rate counts, or None when unknown (as ChannelComparisonResult.conversionEvent).
    let conversionEvent (result: SequentialComparisonResult) : ConversionEvent option = Option.ofObj result.ConversionEvent
