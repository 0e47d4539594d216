namespace CampaignAnalytics.FSharp

open System
open CampaignAnalytics.Rates
open CampaignAnalytics.Store
open CampaignAnalytics.Windows
open NodaTime

/// A rate row's value.
[<RequireQualifiedAccess>]
module RateRow =

    /// Numerator / denominator summed over the row's days, or None (a denominator of 0, or a day whose counts cannot
    /// be right: RateRow.ExceedingDay).
    let value (row: RateRow) : float option = Option.ofNullable row.Value

    /// The first day whose proportion's numerator exceeds its denominator, or None when every day's counts can be right.
    let exceedingDay (row: RateRow) : LocalDate option = Option.ofNullable row.ExceedingDay

    /// The conversion event the rate counts (e.g. Purchase of "Feline Body Armor" for conversions), or None when the data
    /// set's labels do not know the campaign's events (CampaignDataSet.WithLabels) or the rate counts no conversion.
    let conversionEvent (row: RateRow) : string option = Option.ofObj row.ConversionEvent

/// A calendar bucket's aggregate, when the aggregate is optional (sums of counts or amounts, rates).
[<RequireQualifiedAccess>]
module Bucket =

    /// The bucket's aggregate, or None when the days present do not give one (no values, a denominator of 0).
    let value (bucket: Bucket<Nullable<'T>>) : 'T option = Option.ofNullable bucket.Value

/// A metric's or rate's change between two windows (MetricChange, RateChange), its sides as options.
[<RequireQualifiedAccess>]
module Change =

    /// The value in the current window, or None when the window has none.
    let inline current (change: ^Change) : float option =
        (^Change: (member Current: Nullable<float>) change) |> Option.ofNullable

    /// The value in the previous window, or None when the window has none.
    let inline previous (change: ^Change) : float option =
        (^Change: (member Previous: Nullable<float>) change) |> Option.ofNullable

    /// Current − previous of a MetricChange, or None when either side is missing.
    let inline absolute (change: ^Change) : float option =
        (^Change: (member Change: Nullable<float>) change) |> Option.ofNullable

    /// (Current − previous) / previous, or None when either side is missing or the previous value is 0.
    let inline relative (change: ^Change) : float option =
        (^Change: (member RelativeChange: Nullable<float>) change) |> Option.ofNullable

    /// (Current − previous) × 100 of a RateChange, in percentage points, or None when either side is missing.
    let inline points (change: ^Change) : float option =
        (^Change: (member ChangeInPoints: Nullable<float>) change) |> Option.ofNullable

/// Which days of a campaign a store holds.
[<RequireQualifiedAccess>]
module Coverage =

    /// The earliest stored day, or None when none is stored.
    let firstDate (coverage: StoreCoverage) : LocalDate option = Option.ofNullable coverage.FirstDate

    /// The latest stored day, or None when none is stored.
    let lastDate (coverage: StoreCoverage) : LocalDate option = Option.ofNullable coverage.LastDate

    /// First to last stored day (gaps included, see StoreCoverage.Gaps), or None when none is stored.
    let range (coverage: StoreCoverage) : DateInterval option =
        match firstDate coverage, lastDate coverage with
        | Some first, Some last -> Some(DateInterval(first, last))
        | _ -> None
