namespace CampaignAnalytics.FSharp

open System
open System.Collections.Concurrent
open System.Reflection
open CampaignAnalytics.Catalogue

/// Looking channels and daily metrics and rates up in a catalogue, as options.
[<RequireQualifiedAccess>]
module Catalogue =

    /// The channel of that key (ordinal, e.g. "email"), or None when the catalogue has none.
    let tryChannel (key: string) (catalogue: ChannelCatalogue) : ChannelDescriptor option =
        catalogue.FindChannel key |> Option.ofObj

    /// The daily metric of that name (ordinal, e.g. "conversions"), or None when the catalogue has none.
    let tryDailyMetric (name: string) (catalogue: ChannelCatalogue) : MetricDescriptor<IDailyDataPoint> option =
        catalogue.DailyMetrics |> Seq.tryFind (fun m -> String.Equals(m.Name, name, StringComparison.Ordinal))

    /// The daily rate of that name (case-insensitive, as channels find rates), or None when the catalogue has none.
    let tryDailyRate (name: string) (catalogue: ChannelCatalogue) : RateDescriptor<IDailyDataPoint> option =
        catalogue.DailyRates |> Seq.tryFind (fun r -> String.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))

/// A channel's metrics and rates, looked up by name.
[<RequireQualifiedAccess>]
module Channel =

    /// The field or derived metric of that name (ordinal, e.g. "unique_clicks"), or None when the channel has none.
    let tryMetric (name: string) (channel: ChannelDescriptor) : MetricDescriptor<IVariation> option =
        channel.FindMetric name |> Option.ofObj

    /// The rate of that name (case-insensitive, e.g. "UniqueClickRate"), or None when the channel has none.
    let tryRate (name: string) (channel: ChannelDescriptor) : RateDescriptor<IVariation> option =
        channel.FindRate name |> Option.ofObj

    /// The metric of that name; throws ArgumentException naming the channel and its metrics when it has none
    /// (a misspelt name is an error, never an absent value).
    let metric (name: string) (channel: ChannelDescriptor) : MetricDescriptor<IVariation> =
        match channel.FindMetric name with
        | null ->
            let names = Seq.append channel.Metrics channel.DerivedMetrics |> Seq.map (fun m -> m.Name) |> String.concat ", "
            invalidArg (nameof name) (sprintf "'%s' is not a metric of the channel '%s'; its metrics: %s." name channel.Key names)
        | found -> found

    /// The rate of that name; throws ArgumentException naming the channel and its rates when it has none.
    let rate (name: string) (channel: ChannelDescriptor) : RateDescriptor<IVariation> =
        match channel.FindRate name with
        | null ->
            let names = channel.Rates |> Seq.map (fun r -> r.Name) |> String.concat ", "
            invalidArg (nameof name) (sprintf "'%s' is not a rate of the channel '%s'; its rates: %s." name channel.Key names)
        | found -> found

/// Reading a metric from a model: None where the model does not carry it (absent and zero stay different).
[<RequireQualifiedAccess>]
module Metric =

    /// The count of a count metric, or None when the model does not carry it. Throws InvalidOperationException for an
    /// amount metric (use Metric.value).
    let count (metric: MetricDescriptor<'Model>) (model: 'Model) : int64 option =
        metric.GetCount model |> Option.ofNullable

    /// The value of any metric as a float (counts converted), or None when the model does not carry it.
    let value (metric: MetricDescriptor<'Model>) (model: 'Model) : float option =
        metric.GetValue model |> Option.ofNullable

/// Evaluating a rate on a model.
[<RequireQualifiedAccess>]
module Rate =

    /// The rate of one model, or None when either side is absent, the denominator is zero, or the counts cannot be
    /// right (a proportion's numerator above its denominator).
    let evaluate (rate: RateDescriptor<'Model>) (model: 'Model) : float option =
        rate.Evaluate model |> Option.ofNullable

/// Finds the generated catalogue a model type belongs to, once per type: the catalogues are the public non-abstract
/// ChannelCatalogue types with a static Instance in the model type's own assembly (where the generator puts them).
module internal Owners =

    let private catalogues = ConcurrentDictionary<Assembly, ChannelCatalogue list>()

    let private cataloguesOf (assembly: Assembly) =
        catalogues.GetOrAdd(
            assembly,
            fun a ->
                // A dynamic assembly (a script's or a notebook's own types) lists no exported types and holds no catalogue.
                (if a.IsDynamic then Array.empty else a.GetExportedTypes())
                |> Seq.filter (fun t -> not t.IsAbstract && typeof<ChannelCatalogue>.IsAssignableFrom t)
                |> Seq.choose (fun t ->
                    t.GetProperty("Instance", BindingFlags.Public ||| BindingFlags.Static)
                    |> Option.ofObj
                    |> Option.bind (fun p ->
                        match p.GetValue null with
                        | :? ChannelCatalogue as c -> Some c
                        | _ -> None))
                |> List.ofSeq)

    let private channels = ConcurrentDictionary<Type, ChannelDescriptor list>()

    let private days = ConcurrentDictionary<Type, ChannelCatalogue list>()

    let private noCatalogue (what: string) (t: Type) =
        invalidArg
            what
            (sprintf
                "%s is not a type of a generated catalogue (a value read with a run-time schema?): read it through its catalogue, e.g. Channel.metric and Metric.count."
                t.FullName)

    /// The channels whose elements are of the variation's type (several when channels share a shape).
    let channelsOf (variation: IVariation) =
        let t = variation.GetType()
        match channels.GetOrAdd(t, fun t -> cataloguesOf t.Assembly |> List.collect (fun c -> c.Channels |> Seq.filter (fun ch -> ch.VariationType = t) |> List.ofSeq)) with
        | [] -> noCatalogue (nameof variation) t
        | found -> found

    /// The catalogues whose day type is the day's type.
    let cataloguesOfDay (day: IDailyDataPoint) =
        let t = day.GetType()
        match days.GetOrAdd(t, fun t -> cataloguesOf t.Assembly |> List.filter (fun c -> c.DayType = t)) with
        | [] -> noCatalogue (nameof day) t
        | found -> found

    /// One descriptor for a name from all the channels (or catalogues) that could hold the model: an error when none
    /// declares it, or when they declare it differently (then the caller must say which channel it means).
    let single (kind: string) (name: string) (owner: string) (sameness: 'D -> string) (names: unit -> string seq) (candidates: 'D list) : 'D =
        match candidates |> List.distinctBy sameness with
        | [ one ] -> one
        | [] -> invalidArg (nameof name) (sprintf "'%s' is not a %s of %s; its %ss: %s." name kind owner kind (names () |> Seq.distinct |> String.concat ", "))
        | _ -> invalidArg (nameof name) (sprintf "'%s' is a %s of %s that differs between its channels: use Channel.%s with the channel meant." name kind owner kind)

    let private metricShape (m: MetricDescriptor<'Model>) =
        sprintf "%O %s" m.Kind (m.Formula |> Option.ofObj |> Option.defaultValue "")

    let private rateShape (r: RateDescriptor<'Model>) = sprintf "%O %b" r r.IsProportion

    let variationMetric (name: string) (variation: IVariation) =
        let owners = channelsOf variation
        owners
        |> List.choose (fun ch -> ch.FindMetric name |> Option.ofObj)
        |> single "metric" name (variation.GetType().Name) metricShape (fun () ->
            owners |> Seq.collect (fun ch -> Seq.append ch.Metrics ch.DerivedMetrics |> Seq.map (fun m -> m.Name)))

    let variationRate (name: string) (variation: IVariation) =
        let owners = channelsOf variation
        owners
        |> List.choose (fun ch -> ch.FindRate name |> Option.ofObj)
        |> single "rate" name (variation.GetType().Name) rateShape (fun () ->
            owners |> Seq.collect (fun ch -> ch.Rates |> Seq.map (fun r -> r.Name)))

    let dayMetric (name: string) (day: IDailyDataPoint) =
        let owners = cataloguesOfDay day
        owners
        |> List.choose (Catalogue.tryDailyMetric name)
        |> single "metric" name (day.GetType().Name) metricShape (fun () ->
            owners |> Seq.collect (fun c -> c.DailyMetrics |> Seq.map (fun m -> m.Name)))

    let dayRate (name: string) (day: IDailyDataPoint) =
        let owners = cataloguesOfDay day
        owners
        |> List.choose (Catalogue.tryDailyRate name)
        |> single "rate" name (day.GetType().Name) rateShape (fun () ->
            owners |> Seq.collect (fun c -> c.DailyRates |> Seq.map (fun r -> r.Name)))

/// One variation's counts, values and rates by the schema's names, e.g. `v |> Variation.count "sent"`: the
/// generated record's optional properties as options. The metric is found through the generated catalogue of the
/// record's type (its channel's fields and derived metrics); a name the channel lacks throws ArgumentException, so a
/// misspelt name never reads as an absent value.
[<RequireQualifiedAccess>]
module Variation =

    /// The count of that metric (a JSON field such as "sent", or a derived metric such as push "deliveries"), or None
    /// when the element does not carry it. Throws ArgumentException for a name its channel lacks and
    /// InvalidOperationException for an amount (use Variation.value).
    let count (metric: string) (variation: IVariation) : int64 option =
        Metric.count (Owners.variationMetric metric variation) variation

    /// The value of that metric as a float (counts converted; amounts such as "revenue" as they are), or None when the
    /// element does not carry it. Throws ArgumentException for a name its channel lacks.
    let value (metric: string) (variation: IVariation) : float option =
        Metric.value (Owners.variationMetric metric variation) variation

    /// The value of that rate (case-insensitive, e.g. "UniqueClickRate") on the element, or None where Rate.evaluate
    /// gives none. Throws ArgumentException for a rate its channel lacks.
    let rate (rate: string) (variation: IVariation) : float option =
        Rate.evaluate (Owners.variationRate rate variation) variation

/// One day's totals by the schema's names, e.g. `day |> Day.count "conversions"`, through the generated catalogue
/// of the day's type; a name it lacks throws ArgumentException.
[<RequireQualifiedAccess>]
module Day =

    /// The count of that daily metric (e.g. "unique_recipients"), or None when the day does not carry it. Throws
    /// ArgumentException for a name the catalogue lacks and InvalidOperationException for an amount (use Day.value).
    let count (metric: string) (day: IDailyDataPoint) : int64 option =
        Metric.count (Owners.dayMetric metric day) day

    /// The value of that daily metric as a float (e.g. "revenue"), or None when the day does not carry it. Throws
    /// ArgumentException for a name the catalogue lacks.
    let value (metric: string) (day: IDailyDataPoint) : float option =
        Metric.value (Owners.dayMetric metric day) day

    /// The value of that daily rate (case-insensitive, e.g. "ConversionRate"), or None where Rate.evaluate gives none.
    /// Throws ArgumentException for a rate the catalogue lacks.
    let rate (rate: string) (day: IDailyDataPoint) : float option =
        Rate.evaluate (Owners.dayRate rate day) day
