namespace CampaignAnalytics.FSharp

open Microsoft.Data.Analysis

/// A DataFrame's columns as F# lists of options: a null cell (a value not reported) is None.
[<RequireQualifiedAccess>]
module Frame =

    /// The cells of a numeric (primitive) column in row order, e.g. `frame |> Frame.values<float> "z"`.
    /// Throws ArgumentException when the frame has no such column, InvalidCastException when its cells are of another type.
    let values<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> System.ValueType> (column: string) (frame: DataFrame) : 'T option list =
        frame.Columns.GetPrimitiveColumn<'T>(column) |> Seq.map Option.ofNullable |> List.ofSeq

    /// The cells of a text column in row order. Throws ArgumentException when the frame has no such column.
    let strings (column: string) (frame: DataFrame) : string option list =
        frame.Columns.GetStringColumn(column) |> Seq.map Option.ofObj |> List.ofSeq
