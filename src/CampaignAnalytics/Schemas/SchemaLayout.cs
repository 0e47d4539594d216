using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CampaignAnalytics.Generators.Model;

namespace CampaignAnalytics.Schemas;

/// <summary>
/// One type of a schema read at run time, laid out for the general models: where each declared property's value lives
/// (<see cref="SchemaModel"/> keeps fixed-size values in one array of longs and text, dates and nested models in one
/// array of references), the pattern groups, and which properties play the data-series roles. Built once per schema
/// from the parser's <see cref="TypeSpec"/>, the same spec the generator emits a record from.
/// </summary>
internal sealed class ObjectLayout
{
    private readonly Dictionary<string, int> _fieldIndex;

    private ObjectLayout(TypeSpec spec)
    {
        Spec = spec;
        var scalars = 0;
        var references = 0;
        Fields = spec.Properties
            .Select((p, i) => new FieldLayout(p, i, IsScalar(p.Kind) ? scalars++ : references++))
            .ToArray();
        ScalarCount = scalars;
        ReferenceCount = references;
        Patterns = spec.PatternGroups.ToArray();
        _fieldIndex = Fields.ToDictionary(f => f.Spec.JsonName, f => f.Index, StringComparer.Ordinal);
        Message = Find(p => p.Role == PropertyRole.Status);
        Days = Find(p => p.Role == PropertyRole.Days);
        Date = Find(p => p.Role == PropertyRole.Date);
        Channels = Find(p => p.Role == PropertyRole.Channels);
        VariationId = Find(p => p.Role == PropertyRole.VariationId && p.Kind == ValueKind.String);
        VariationName = Find(p => p.Role == PropertyRole.VariationName && p.Kind == ValueKind.String);
    }

    /// <summary>The parser's spec of the type.</summary>
    public TypeSpec Spec { get; }

    /// <summary>The type's name in the schema (<c>x-type-name</c>, e.g. <c>LineVariation</c>).</summary>
    public string Name => Spec.Name;

    /// <summary>What the type is in a data series: response, day, channels container, variation or a plain object.</summary>
    public TypeRole Role => Spec.Role;

    /// <summary>The declared properties, in schema order (the order the writers write them).</summary>
    public FieldLayout[] Fields { get; }

    /// <summary>The pattern groups, in schema order.</summary>
    public PatternGroupSpec[] Patterns { get; }

    /// <summary>How many fixed-size values (counts, amounts, flags) a model of this type holds.</summary>
    public int ScalarCount { get; }

    /// <summary>How many references (text, dates, nested models and lists) a model of this type holds.</summary>
    public int ReferenceCount { get; }

    /// <summary>The response's status string (<c>x-role: status</c>, e.g. <c>message</c>), or null.</summary>
    public FieldLayout? Message { get; }

    /// <summary>The response's array of days (<c>x-role: days</c>), or null.</summary>
    public FieldLayout? Days { get; }

    /// <summary>The day's date (<c>x-role: date</c>), or null.</summary>
    public FieldLayout? Date { get; }

    /// <summary>The day's channels object (<c>x-role: channels</c>), or null.</summary>
    public FieldLayout? Channels { get; }

    /// <summary>The variation's API id (<c>x-role: variation-id</c>), or null.</summary>
    public FieldLayout? VariationId { get; }

    /// <summary>The variation's name (<c>x-role: variation-name</c>), or null.</summary>
    public FieldLayout? VariationName { get; }

    /// <summary>The declared property with this JSON name (ordinal), or null.</summary>
    public FieldLayout? Field(string jsonName) => _fieldIndex.TryGetValue(jsonName, out var i) ? Fields[i] : null;

    /// <summary>Lays out every type of a spec and links each object or list property to its element's layout.</summary>
    public static Dictionary<string, ObjectLayout> Build(SchemaSpec spec)
    {
        var layouts = spec.Types.ToDictionary(t => t.Name, t => new ObjectLayout(t), StringComparer.Ordinal);
        foreach (var layout in layouts.Values)
        {
            foreach (var field in layout.Fields)
            {
                if (field.Spec.ElementType is { } element)
                {
                    field.Element = layouts[element];
                }
            }
        }

        return layouts;
    }

    /// <summary>A new, empty model of this type: the class that implements the type's role.</summary>
    public SchemaModel Create() => Role switch
    {
        TypeRole.Response => new SchemaResponse(this),
        TypeRole.Day => new SchemaDay(this),
        TypeRole.Channels => new SchemaChannels(this),
        TypeRole.Variation => new SchemaVariation(this),
        _ => new SchemaObject(this),
    };

    /// <summary>
    /// An array of this type's class (<see cref="SchemaVariation"/>[] for a variation), so that a list of variations
    /// reads as <c>IReadOnlyList&lt;IVariation&gt;</c> as the generated lists do.
    /// </summary>
    public SchemaModel[] CreateArray(int length) => Role switch
    {
        TypeRole.Response => new SchemaResponse[length],
        TypeRole.Day => new SchemaDay[length],
        TypeRole.Channels => new SchemaChannels[length],
        TypeRole.Variation => new SchemaVariation[length],
        _ => new SchemaObject[length],
    };

    /// <inheritdoc />
    public override string ToString() => Name;

    private static bool IsScalar(ValueKind kind) => kind is ValueKind.Int64 or ValueKind.Double or ValueKind.Boolean;

    private FieldLayout? Find(Func<PropertySpec, bool> predicate) => Fields.FirstOrDefault(f => predicate(f.Spec));
}

/// <summary>One declared property of an <see cref="ObjectLayout"/>: its spec, its position and where its value is kept.</summary>
internal sealed class FieldLayout
{
    public FieldLayout(PropertySpec spec, int index, int slot)
    {
        Spec = spec;
        Index = index;
        Slot = slot;
        EncodedName = JsonEncodedText.Encode(spec.JsonName);
    }

    /// <summary>The parser's spec of the property.</summary>
    public PropertySpec Spec { get; }

    /// <summary>The property's position among the type's properties (its presence bit).</summary>
    public int Index { get; }

    /// <summary>Its slot in the model's scalar array (counts, amounts, flags) or reference array (everything else).</summary>
    public int Slot { get; }

    /// <summary>The JSON name, encoded once for the writer.</summary>
    public JsonEncodedText EncodedName { get; }

    /// <summary>The layout of the object or list elements the property holds; null for other kinds.</summary>
    public ObjectLayout? Element { get; set; }

    /// <summary>
    /// Whether the value is held with a presence bit, as the generated records hold it: an optional count, amount,
    /// flag or date (an absent one reads as null); a required one always reads as a value.
    /// </summary>
    public bool IsPresenceBacked => !Spec.IsRequired && Spec.Kind is ValueKind.Int64 or ValueKind.Double or ValueKind.Boolean or ValueKind.LocalDate;

    /// <inheritdoc />
    public override string ToString() => Spec.JsonName;
}
