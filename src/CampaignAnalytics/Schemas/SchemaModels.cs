using System;
using System.Collections.Generic;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Generators.Model;
using CampaignAnalytics.Serialization;
using NodaTime;

namespace CampaignAnalytics.Schemas;

/// <summary>
/// A value of a schema read at run time (<see cref="SchemaCatalogue"/>): the general counterpart of a generated
/// record. It holds every declared field by the schema's JSON names, the pattern-matched counts, and every field the
/// schema does not declare as raw JSON, and implements the same interfaces as the generated records, so every helper
/// (frames, rates, comparison, the store) reads it through the catalogue. Equality is by reference; compare
/// <see cref="ToString"/> (the JSON written back) to compare contents.
/// </summary>
public abstract class SchemaModel : IJsonModel
{
    private readonly long[] _scalars;
    private readonly object?[] _references;
    private readonly ulong[] _present;

    private protected SchemaModel(ObjectLayout layout)
    {
        Layout = layout;
        _scalars = layout.ScalarCount == 0 ? Array.Empty<long>() : new long[layout.ScalarCount];
        _references = layout.ReferenceCount == 0 ? Array.Empty<object?>() : new object?[layout.ReferenceCount];
        _present = new ulong[(layout.Fields.Length + 63) / 64];
        foreach (var field in layout.Fields)
        {
            if (field.Spec.IsRequired && field.Spec.Kind == ValueKind.String)
            {
                _references[field.Slot] = string.Empty; // as a generated record's required string starts
            }
        }
    }

    internal ObjectLayout Layout { get; }

    internal CountMap?[]? Groups { get; set; }

    internal List<RawJsonProperty>? Unknown { get; set; }

    /// <summary>The schema's name of this value's type (<c>x-type-name</c>, e.g. <c>LineVariation</c>).</summary>
    public string TypeName => Layout.Name;

    /// <inheritdoc />
    public IReadOnlyList<RawJsonProperty> UnknownFields => (IReadOnlyList<RawJsonProperty>?)Unknown ?? Array.Empty<RawJsonProperty>();

    /// <summary>A count (a JSON integer field); null when the value does not carry it.</summary>
    /// <param name="jsonName">The field's JSON name, e.g. <c>sent</c>. Invalid: a name the type does not declare as an integer.</param>
    /// <exception cref="ArgumentException">The type declares no integer field of that name.</exception>
    public long? GetCount(string jsonName) => GetInt64(Declared(jsonName, ValueKind.Int64));

    /// <summary>An amount (a JSON number field, e.g. revenue in US dollars); null when the value does not carry it.</summary>
    /// <param name="jsonName">The field's JSON name, e.g. <c>revenue</c>. Invalid: a name the type does not declare as a number.</param>
    /// <exception cref="ArgumentException">The type declares no number field of that name.</exception>
    public double? GetAmount(string jsonName) => GetDouble(Declared(jsonName, ValueKind.Double));

    /// <summary>A text field; null when the value does not carry it.</summary>
    /// <param name="jsonName">The field's JSON name, e.g. <c>variation_name</c>. Invalid: a name the type does not declare as a string.</param>
    /// <exception cref="ArgumentException">The type declares no string field of that name.</exception>
    public string? GetString(string jsonName) => GetText(Declared(jsonName, ValueKind.String));

    /// <summary>A flag; null when the value does not carry it.</summary>
    /// <param name="jsonName">The field's JSON name. Invalid: a name the type does not declare as a boolean.</param>
    /// <exception cref="ArgumentException">The type declares no boolean field of that name.</exception>
    public bool? GetBoolean(string jsonName) => GetFlag(Declared(jsonName, ValueKind.Boolean));

    /// <summary>A calendar date (a string field with <c>"format": "date"</c>); null when the value does not carry it.</summary>
    /// <param name="jsonName">The field's JSON name, e.g. <c>time</c>. Invalid: a name the type does not declare as a date.</param>
    /// <exception cref="ArgumentException">The type declares no date field of that name.</exception>
    public LocalDate? GetDate(string jsonName) => GetLocalDate(Declared(jsonName, ValueKind.LocalDate));

    /// <summary>A nested object (a <c>$ref</c> field, e.g. a day's <c>messages</c>); null when the value does not carry it.</summary>
    /// <param name="jsonName">The field's JSON name. Invalid: a name the type does not declare as an object.</param>
    /// <exception cref="ArgumentException">The type declares no object field of that name.</exception>
    public SchemaModel? GetModel(string jsonName) => GetObject(Declared(jsonName, ValueKind.Object));

    /// <summary>A nested list (an array field whose items <c>$ref</c> a shape, e.g. a channel); null when the value does not carry it.</summary>
    /// <param name="jsonName">The field's JSON name, e.g. <c>email</c>. Invalid: a name the type does not declare as an array.</param>
    /// <exception cref="ArgumentException">The type declares no array field of that name.</exception>
    public IReadOnlyList<SchemaModel>? GetModels(string jsonName) => GetList(Declared(jsonName, ValueKind.ObjectArray));

    /// <summary>The counts of a pattern group (<c>patternProperties</c>), keyed by full field name; null when none was present.</summary>
    /// <param name="propertyName">The group's <c>x-property-name</c>, e.g. <c>NotificationButtonClicks</c>. Invalid: a name the type has no group of.</param>
    /// <exception cref="ArgumentException">The type has no pattern group of that name.</exception>
    public IReadOnlyDictionary<string, long>? GetPatternCounts(string propertyName)
    {
        for (var i = 0; i < Layout.Patterns.Length; i++)
        {
            if (string.Equals(Layout.Patterns[i].CSharpName, propertyName, StringComparison.Ordinal))
            {
                return Group(i);
            }
        }

        throw new ArgumentException($"The type '{TypeName}' has no pattern group '{propertyName}'.", nameof(propertyName));
    }

    /// <summary>The value as compact JSON, as the catalogue writes it: every field held, unknown ones included.</summary>
    public override string ToString()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = ModelWriting.RelaxedEncoder }))
        {
            SchemaWriter.Write(writer, this);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Whether the reader saw the field (its presence bit).</summary>
    internal bool IsMarked(FieldLayout field) => (_present[field.Index >> 6] & (1UL << (field.Index & 63))) != 0;

    internal void MarkPresent(FieldLayout field) => _present[field.Index >> 6] |= 1UL << (field.Index & 63);

    internal long? GetInt64(FieldLayout field) => HasValue(field) ? _scalars[field.Slot] : null;

    internal double? GetDouble(FieldLayout field) => HasValue(field) ? BitConverter.Int64BitsToDouble(_scalars[field.Slot]) : null;

    internal bool? GetFlag(FieldLayout field) => HasValue(field) ? _scalars[field.Slot] != 0 : null;

    internal LocalDate? GetLocalDate(FieldLayout field) => HasValue(field) ? _references[field.Slot] as LocalDate? ?? default(LocalDate) : null;

    internal string? GetText(FieldLayout field) => (string?)_references[field.Slot];

    internal SchemaModel? GetObject(FieldLayout field) => (SchemaModel?)_references[field.Slot];

    internal IReadOnlyList<SchemaModel>? GetList(FieldLayout field) => (SchemaModel[]?)_references[field.Slot];

    internal CountMap? Group(int index) => Groups?[index];

    internal void SetInt64(FieldLayout field, long value) => _scalars[field.Slot] = value;

    internal void SetDouble(FieldLayout field, double value) => _scalars[field.Slot] = BitConverter.DoubleToInt64Bits(value);

    internal void SetFlag(FieldLayout field, bool value) => _scalars[field.Slot] = value ? 1 : 0;

    internal void SetReference(FieldLayout field, object? value) => _references[field.Slot] = value;

    /// <summary>
    /// Whether a fixed-size value or date reads as a value: a required one always does (as a generated record's
    /// non-nullable property), an optional one when its presence bit is set.
    /// </summary>
    private bool HasValue(FieldLayout field) => field.Spec.IsRequired || IsMarked(field);

    private FieldLayout Declared(string jsonName, ValueKind kind)
    {
        ArgumentNullException.ThrowIfNull(jsonName);
        var field = Layout.Field(jsonName);
        if (field is null || field.Spec.Kind != kind)
        {
            throw new ArgumentException(
                field is null
                    ? $"The type '{TypeName}' declares no field '{jsonName}'."
                    : $"The field '{jsonName}' of '{TypeName}' is a {field.Spec.Kind}, not a {kind}.",
                nameof(jsonName));
        }

        return field;
    }
}

/// <summary>A whole data-series response of a schema read at run time.</summary>
public sealed class SchemaResponse : SchemaModel, IDataSeriesResponse<IDailyDataPoint>
{
    internal SchemaResponse(ObjectLayout layout)
        : base(layout)
    {
    }

    /// <inheritdoc />
    public string? Message => Layout.Message is { } f ? GetText(f) : null;

    /// <inheritdoc />
    public IReadOnlyList<IDailyDataPoint>? Data => Layout.Days is { } f ? (IReadOnlyList<IDailyDataPoint>?)GetList(f) : null;
}

/// <summary>One day of a schema read at run time.</summary>
public sealed class SchemaDay : SchemaModel, IDailyDataPoint
{
    internal SchemaDay(ObjectLayout layout)
        : base(layout)
    {
    }

    /// <inheritdoc />
    public LocalDate Time => Layout.Date is { } f ? GetLocalDate(f).GetValueOrDefault() : default;

    /// <inheritdoc />
    public IChannelMessages? Messages => Layout.Channels is { } f ? (IChannelMessages?)GetObject(f) : null;
}

/// <summary>The per-channel container of one day of a schema read at run time.</summary>
public sealed class SchemaChannels : SchemaModel, IChannelMessages
{
    internal SchemaChannels(ObjectLayout layout)
        : base(layout)
    {
    }

    /// <inheritdoc />
    public IReadOnlyList<RawJsonProperty> UnknownChannels => UnknownFields;
}

/// <summary>One element of a channel of a schema read at run time: one variation (or the control group) on one day.</summary>
public sealed class SchemaVariation : SchemaModel, IVariation
{
    internal SchemaVariation(ObjectLayout layout)
        : base(layout)
    {
    }

    /// <inheritdoc />
    public string? VariationApiId => Layout.VariationId is { } f ? GetText(f) : null;

    /// <inheritdoc />
    public string? VariationName => Layout.VariationName is { } f ? GetText(f) : null;
}

/// <summary>Any other object of a schema read at run time (a shape that is neither a response, a day, channels nor a variation).</summary>
public sealed class SchemaObject : SchemaModel
{
    internal SchemaObject(ObjectLayout layout)
        : base(layout)
    {
    }
}
