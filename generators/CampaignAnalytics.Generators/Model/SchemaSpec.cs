using System;

namespace CampaignAnalytics.Generators.Model;

// Pipeline models. Equality contract: every type here is a sealed record (or enum) whose members are
// strings, numbers, enums, other such records or EquatableArray<T>; two specs are equal exactly when
// they would emit the same source. None holds an ISymbol, SyntaxNode, Compilation or SourceText.

internal enum ValueKind
{
    Int64,
    Double,
    String,
    Boolean,
    LocalDate,
    Object,
    ObjectArray,

    /// <summary>An object whose every member is one model keyed by an id (<c>"additionalProperties": {"$ref": ...}</c>).</summary>
    ObjectMap,

    /// <summary>An array of strings (<c>"items": {"type": "string"}</c>).</summary>
    StringArray,
}

internal enum TypeRole
{
    Plain,
    Response,
    Day,
    Channels,
    Variation,
}

internal enum PropertyRole
{
    None,
    VariationId,
    VariationName,
    Date,
    Days,
    Channels,
    Status,
}

/// <summary>One JSON property of a generated type.</summary>
internal sealed record PropertySpec(
    string JsonName,
    string CSharpName,
    ValueKind Kind,
    string? ElementType,
    bool IsRequired,
    string Description,
    PropertyRole Role,
    long? Minimum = null) : IEquatable<PropertySpec>;

/// <summary>A group of dynamic count fields: names starting with Prefix and ending with Suffix.</summary>
internal sealed record PatternGroupSpec(string Pattern, string Prefix, string Suffix, string CSharpName, string Description, long? Minimum = null) : IEquatable<PatternGroupSpec>;

/// <summary>One term of a derived-metric alternative: +metric or -metric.</summary>
internal sealed record TermSpec(bool Negative, string Metric) : IEquatable<TermSpec>;

/// <summary>One alternative of a derived metric (the first alternative whose terms are all present wins).</summary>
internal sealed record AlternativeSpec(EquatableArray<TermSpec> Terms, string Text) : IEquatable<AlternativeSpec>;

/// <summary>A metric computed from others, e.g. deliveries = delivered | sent - bounces.</summary>
internal sealed record DerivedSpec(string Name, string Description, bool IsAmount, EquatableArray<AlternativeSpec> Alternatives) : IEquatable<DerivedSpec>
{
    public string Formula
    {
        get
        {
            var parts = new string[Alternatives.Count];
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = Alternatives[i].Text;
            }

            return string.Join(" | ", parts);
        }
    }
}

/// <summary>A rate: numerator metric over denominator metric.</summary>
/// <remarks><see cref="Guardrail"/> is the schema's <c>"guardrail"</c> (<c>lower-is-better</c> or <c>higher-is-better</c>), or null.</remarks>
internal sealed record RateSpec(string Name, string Numerator, string Denominator, string Description, bool IsProportion = true, string? Guardrail = null) : IEquatable<RateSpec>;

/// <summary>One generated record type with its reader and writer.</summary>
internal sealed record TypeSpec(
    string Name,
    TypeRole Role,
    string Description,
    EquatableArray<PropertySpec> Properties,
    EquatableArray<PatternGroupSpec> PatternGroups,
    EquatableArray<DerivedSpec> Derived,
    EquatableArray<RateSpec> Rates,
    EquatableArray<EquatableString> Exposure) : IEquatable<TypeSpec>;

/// <summary>One channel of the channels container.</summary>
internal sealed record ChannelSpec(string Key, string CSharpName, string DisplayName, string Description, string VariationType) : IEquatable<ChannelSpec>;

/// <summary>Everything one schema file generates.</summary>
internal sealed record SchemaSpec(
    string FilePath,
    string Namespace,
    string SchemaId,
    string CatalogueName,
    string ResponseType,
    string DayType,
    string ChannelsType,
    EquatableArray<TypeSpec> Types,
    EquatableArray<ChannelSpec> Channels,
    ConventionSpec Conventions,
    bool IsSeries = true,
    bool HasCatalogue = true) : IEquatable<SchemaSpec>;

/// <summary>
/// One schema file as the parser of another file sees it, to resolve a <c>$ref</c> into it: its path, text and the
/// namespace its per-file metadata sets (null when none).
/// </summary>
/// <remarks>
/// A file whose root says <c>"x-role": "model"</c> is not a data series: <see cref="SchemaSpec.IsSeries"/> is false,
/// <see cref="SchemaSpec.DayType"/> and <see cref="SchemaSpec.ChannelsType"/> are empty, and its catalogue
/// (<see cref="SchemaSpec.HasCatalogue"/>) is emitted only when one of its types declares rates or derived metrics.
/// </remarks>
internal sealed record SchemaDocument(string Path, string? Text, string? FileNamespace) : IEquatable<SchemaDocument>;

/// <summary>
/// The schema's conventions: the status value of a completed export (<c>x-success</c> on the <c>x-role: status</c>
/// property), the control group's variation name (<c>x-control-name</c>) and the rate compared by default
/// (<c>x-default-rate</c>); the parser fills in Braze's when the schema omits them.
/// </summary>
internal sealed record ConventionSpec(string Success, string ControlName, string DefaultRate) : IEquatable<ConventionSpec>;

/// <summary>The parse step's output: a spec when the schema is usable, and its diagnostics.</summary>
internal sealed record ParseResult(string FilePath, SchemaSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics) : IEquatable<ParseResult>;

/// <summary>What one file will emit after types claimed by other files are removed.</summary>
internal sealed record EmitInput(SchemaSpec Spec, EquatableArray<EquatableString> SkippedTypes) : IEquatable<EmitInput>;
