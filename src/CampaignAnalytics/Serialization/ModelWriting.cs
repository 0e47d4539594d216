using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// The writing half of every generated model, written once: JSON text, and the members a generated <c>WriteTo</c> does
/// not write with one <see cref="Utf8JsonWriter"/> call (dates, lists of models, count maps, unknown fields). Public
/// only so that code generated into other assemblies can call it; not meant for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelWriting
{
    /// <summary>The encoder used when writing: keeps non-ASCII text readable while escaping what JSON requires.</summary>
    public static readonly JavaScriptEncoder RelaxedEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>A model as JSON text: every field held, unknown ones included.</summary>
    /// <typeparam name="TModel">The generated model.</typeparam>
    /// <param name="model">The model.</param>
    /// <param name="indented">Whether to indent the output.</param>
    public static string ToJson<TModel>(TModel model, bool indented)
        where TModel : class, IGeneratedModel<TModel>
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = RelaxedEncoder }))
        {
            model.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes a date property as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The date.</param>
    public static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, LocalDate value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(name, InvariantText.Iso(value));
    }

    /// <summary>Writes a property holding a JSON array of models.</summary>
    /// <typeparam name="TModel">The generated model.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="items">The models.</param>
    public static void WriteList<TModel>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<TModel> items)
        where TModel : class, IGeneratedModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a property holding a map of models keyed by id, keys in the map's order (the order read).</summary>
    /// <typeparam name="TModel">The generated model.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="map">The models by key.</param>
    public static void WriteMap<TModel>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyDictionary<string, TModel> map)
        where TModel : class, IGeneratedModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(map);
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var pair in map)
        {
            writer.WritePropertyName(pair.Key);
            pair.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a property holding a JSON array of strings.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="items">The strings.</param>
    public static void WriteStrings(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a pattern group's fields (nothing for null), in the order they were read.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="counts">The group's fields by full name.</param>
    public static void WriteCounts(Utf8JsonWriter writer, IReadOnlyDictionary<string, long>? counts)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (counts is null)
        {
            return;
        }

        foreach (var pair in counts)
        {
            writer.WriteNumber(pair.Key, pair.Value);
        }
    }

    /// <summary>Writes the kept unknown properties back out as they were received.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="unknown">The properties.</param>
    public static void WriteUnknown(Utf8JsonWriter writer, IReadOnlyList<RawJsonProperty> unknown)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(unknown);
        foreach (var property in unknown)
        {
            writer.WritePropertyName(property.Name);
            writer.WriteRawValue(property.Json, skipInputValidation: false);
        }
    }
}
