using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CampaignAnalytics.Catalogue;

/// <summary>
/// Everything a schema declares, as data: the channels with their metrics and rates, the daily
/// metrics, and parsing and writing of the schema's models. The source generator emits one sealed
/// subclass per schema file; every analytics function walks a catalogue instead of naming channels.
/// </summary>
public abstract class ChannelCatalogue
{
    private Dictionary<string, ChannelDescriptor>? _byKey;

    /// <summary>The schema's <c>$id</c> (or file name when it has none).</summary>
    public abstract string SchemaId { get; }

    /// <summary>The channels, in schema order.</summary>
    public abstract IReadOnlyList<ChannelDescriptor> Channels { get; }

    /// <summary>The metrics of the daily data point (top-level conversions, unique recipients, revenue).</summary>
    public abstract IReadOnlyList<MetricDescriptor<IDailyDataPoint>> DailyMetrics { get; }

    /// <summary>The rates of the daily data point (e.g. the campaign's conversion rate).</summary>
    public abstract IReadOnlyList<RateDescriptor<IDailyDataPoint>> DailyRates { get; }

    /// <summary>The generated response type.</summary>
    public abstract Type ResponseType { get; }

    /// <summary>The generated daily data point type.</summary>
    public abstract Type DayType { get; }

    // Conventions, declared in the schema (x-role "status", x-success, x-control-name, x-default-rate) and defaulting
    // to Braze's ("message", "success", "Control Group", ConversionRate) when it omits them.

    /// <summary>The JSON name of the response's status field (<c>x-role: status</c>, e.g. <c>message</c>); null when the schema has none.</summary>
    public abstract string? StatusField { get; }

    /// <summary>The status of a completed export (<c>x-success</c> on the status field, e.g. <c>success</c>).</summary>
    public abstract string SuccessStatus { get; }

    /// <summary>The variation name of a channel's control element (<c>x-control-name</c>, e.g. <c>Control Group</c>).</summary>
    public abstract string ControlGroupName { get; }

    /// <summary>The rate compared when none is chosen (<c>x-default-rate</c>, e.g. <c>ConversionRate</c>).</summary>
    public abstract string DefaultRate { get; }

    /// <summary>True when the name is the control group's (<see cref="ControlGroupName"/>, case-insensitive, surrounding white space ignored).</summary>
    /// <param name="variationName">A variation name, or null (not the control).</param>
    public bool IsControlGroup(string? variationName) =>
        variationName is not null && string.Equals(variationName.Trim(), ControlGroupName, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the element is the control group's (its <see cref="IVariation.VariationName"/> is <see cref="ControlGroupName"/>).</summary>
    /// <param name="variation">The element. Invalid: null.</param>
    public bool IsControlGroup(IVariation variation)
    {
        ArgumentNullException.ThrowIfNull(variation);
        return IsControlGroup(variation.VariationName);
    }

    /// <summary>Finds a channel by key (ordinal); null when the schema has none.</summary>
    /// <param name="key">The channel key, e.g. <c>email</c>.</param>
    public ChannelDescriptor? FindChannel(string key)
    {
        _byKey ??= Channels.ToDictionary(c => c.Key, StringComparer.Ordinal);
        return _byKey.TryGetValue(key, out var c) ? c : null;
    }

    /// <summary>Parses a whole response from UTF-8 JSON. Throws <see cref="Serialization.CampaignJsonException"/> on bad input.</summary>
    /// <param name="utf8Json">The response body.</param>
    public abstract IDataSeriesResponse ParseResponse(ReadOnlySpan<byte> utf8Json);

    /// <summary>Parses one day (an element of <c>data</c>) from UTF-8 JSON. Throws <see cref="Serialization.CampaignJsonException"/> on bad input.</summary>
    /// <param name="utf8Json">The day's JSON.</param>
    public abstract IDailyDataPoint ParseDay(ReadOnlySpan<byte> utf8Json);

    /// <summary>Writes a response as JSON: every field it holds, unknown ones included.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="response">A response of this catalogue's <see cref="ResponseType"/>.</param>
    public abstract void WriteResponse(Utf8JsonWriter writer, IDataSeriesResponse response);

    /// <summary>Writes one day as JSON: every field it holds, unknown ones included.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="day">A day of this catalogue's <see cref="DayType"/>.</param>
    public abstract void WriteDay(Utf8JsonWriter writer, IDailyDataPoint day);

    /// <summary>
    /// A completed export (<c>"message": "success"</c>) of this catalogue's type holding the given days: what a fetch
    /// merged from several requests, or days read back from a store, are written to a response file as.
    /// </summary>
    /// <param name="days">Days of this catalogue's <see cref="DayType"/>, in the order to write them.</param>
    public abstract IDataSeriesResponse CreateMergedResponse(IReadOnlyList<IDailyDataPoint> days);

    /// <summary>The response's days; empty when it carries no <c>data</c> array.</summary>
    /// <param name="response">The response. Invalid: null.</param>
    public static IReadOnlyList<IDailyDataPoint> DaysOf(IDataSeriesResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Data ?? Array.Empty<IDailyDataPoint>();
    }

    /// <summary>Parses a whole response from a UTF-8 file.</summary>
    /// <param name="path">The file path.</param>
    public IDataSeriesResponse ParseResponseFile(string path) => ParseResponse(File.ReadAllBytes(path));

    /// <summary>Serializes a response to UTF-8 JSON bytes.</summary>
    /// <param name="response">The response.</param>
    /// <param name="indented">Whether to indent.</param>
    public byte[] ToUtf8Json(IDataSeriesResponse response, bool indented = false)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = Serialization.ModelWriting.RelaxedEncoder }))
        {
            WriteResponse(writer, response);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes one day to UTF-8 JSON bytes (compact).</summary>
    /// <param name="day">The day.</param>
    public byte[] DayToUtf8Json(IDailyDataPoint day)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Serialization.ModelWriting.RelaxedEncoder }))
        {
            WriteDay(writer, day);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>
/// A catalogue whose models are known types — the generated response and day records — so that parsing, writing and
/// the channel descriptors are typed and need no casts. The source generator emits one sealed subclass per schema file;
/// code that works with any catalogue (a schema read at run time included) takes the non-generic <see cref="ChannelCatalogue"/>.
/// </summary>
/// <typeparam name="TResponse">The generated response type.</typeparam>
/// <typeparam name="TDay">The generated day type.</typeparam>
public abstract class ChannelCatalogue<TResponse, TDay> : ChannelCatalogue
    where TResponse : class, IDataSeriesResponse<TDay>
    where TDay : class, IDailyDataPoint
{
    /// <inheritdoc />
    public sealed override Type ResponseType => typeof(TResponse);

    /// <inheritdoc />
    public sealed override Type DayType => typeof(TDay);

    /// <summary>Parses a whole response from UTF-8 JSON. Throws <see cref="Serialization.CampaignJsonException"/> on bad input.</summary>
    /// <param name="utf8Json">The response body.</param>
    public abstract override TResponse ParseResponse(ReadOnlySpan<byte> utf8Json);

    /// <summary>Parses one day (an element of <c>data</c>) from UTF-8 JSON. Throws <see cref="Serialization.CampaignJsonException"/> on bad input.</summary>
    /// <param name="utf8Json">The day's JSON.</param>
    public abstract override TDay ParseDay(ReadOnlySpan<byte> utf8Json);

    /// <summary>Writes a response as JSON: every field it holds, unknown ones included.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="response">The response.</param>
    public abstract void WriteResponse(Utf8JsonWriter writer, TResponse response);

    /// <summary>Writes one day as JSON: every field it holds, unknown ones included.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="day">The day.</param>
    public abstract void WriteDay(Utf8JsonWriter writer, TDay day);

    /// <summary>A completed export (<c>"message": "success"</c>) holding the given days, to write as one response file.</summary>
    /// <param name="days">The days, in the order to write them.</param>
    public abstract TResponse CreateMergedResponse(IReadOnlyList<TDay> days);

    /// <inheritdoc />
    public sealed override void WriteResponse(Utf8JsonWriter writer, IDataSeriesResponse response) => WriteResponse(writer, Expect<TResponse>(response, nameof(response)));

    /// <inheritdoc />
    public sealed override void WriteDay(Utf8JsonWriter writer, IDailyDataPoint day) => WriteDay(writer, Expect<TDay>(day, nameof(day)));

    /// <inheritdoc />
    public sealed override IDataSeriesResponse CreateMergedResponse(IReadOnlyList<IDailyDataPoint> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var list = new List<TDay>(days.Count);
        foreach (var day in days)
        {
            list.Add(Expect<TDay>(day, nameof(days)));
        }

        return CreateMergedResponse(list);
    }

    /// <summary>Parses a whole response from a UTF-8 file.</summary>
    /// <param name="path">The file path.</param>
    public new TResponse ParseResponseFile(string path) => ParseResponse(File.ReadAllBytes(path));

    /// <summary>The response's days; empty when it carries no <c>data</c> array.</summary>
    /// <param name="response">The response. Invalid: null.</param>
    public static IReadOnlyList<TDay> DaysOf(TResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Data ?? Array.Empty<TDay>();
    }

    /// <summary>The value as this catalogue's model type; anything else is the caller's mistake.</summary>
    private static T Expect<T>(object? value, string parameter)
        where T : class =>
        value as T ?? throw new ArgumentException("Expected a " + typeof(T).FullName + " from this catalogue's schema, got " + (value?.GetType().FullName ?? "null") + ".", parameter);
}
