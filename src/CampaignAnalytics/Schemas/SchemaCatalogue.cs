using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Generators.Diagnostics;
using CampaignAnalytics.Generators.Model;
using CampaignAnalytics.Generators.Parsing;

namespace CampaignAnalytics.Schemas;

/// <summary>
/// A channel catalogue built from a schema file at run time, for a channel Braze added last week before anyone
/// rebuilds: the schema is read by the source generator's own parser (compiled into this library), so it accepts
/// what the build accepts and refuses what the build refuses, with the same diagnostics. Its models are general
/// (<see cref="SchemaResponse"/>, <see cref="SchemaDay"/>, <see cref="SchemaVariation"/>) and its metrics, derived
/// metrics, rates, exposure and pattern groups are built from the spec exactly as the generator emits them, so on the
/// same schema it gives the same values, the same JSON and the same reader errors as the generated catalogue, which
/// stays the fast default (<c>CampaignDataSeriesCatalogue.Instance</c>).
/// </summary>
public sealed class SchemaCatalogue : ChannelCatalogue
{
    private readonly ObjectLayout _response;
    private readonly ObjectLayout _day;
    private readonly ChannelDescriptor[] _channels;
    private readonly MetricDescriptor<IDailyDataPoint>[] _dailyMetrics;
    private readonly RateDescriptor<IDailyDataPoint>[] _dailyRates;

    private SchemaCatalogue(SchemaSpec spec)
    {
        SchemaId = spec.SchemaId;
        SuccessStatus = spec.Conventions.Success;
        ControlGroupName = spec.Conventions.ControlName;
        DefaultRate = spec.Conventions.DefaultRate;
        var layouts = ObjectLayout.Build(spec);
        _response = layouts[spec.ResponseType];
        _day = layouts[spec.DayType];
        var channelsLayout = layouts[spec.ChannelsType];
        var dayChannels = _day.Channels!;

        // One set of descriptors per variation type, shared by the channels of that shape (as the generated ones are).
        var byType = new Dictionary<string, Descriptors<IVariation>>(StringComparer.Ordinal);
        var channels = new List<ChannelDescriptor>(spec.Channels.Count);
        foreach (var channel in spec.Channels)
        {
            if (!byType.TryGetValue(channel.VariationType, out var descriptors))
            {
                descriptors = new Descriptors<IVariation>(layouts[channel.VariationType]);
                byType[channel.VariationType] = descriptors;
            }

            var channelField = channelsLayout.Field(channel.Key)!;
            var day = _day;
            channels.Add(new ChannelDescriptor(
                channel.Key,
                channel.DisplayName,
                channel.Description,
                typeof(SchemaVariation),
                descriptors.Metrics,
                descriptors.Derived,
                descriptors.Rates,
                descriptors.Dynamic,
                d => (IReadOnlyList<IVariation>?)Expect(d, day, "day").GetObject(dayChannels)?.GetList(channelField),
                descriptors.Exposure));
        }

        _channels = channels.ToArray();
        var daily = new Descriptors<IDailyDataPoint>(_day);
        _dailyMetrics = daily.Metrics;
        _dailyRates = daily.Rates;
    }

    /// <inheritdoc />
    public override string SchemaId { get; }

    /// <inheritdoc />
    public override string? StatusField => _response.Message?.Spec.JsonName;

    /// <inheritdoc />
    public override string SuccessStatus { get; }

    /// <inheritdoc />
    public override string ControlGroupName { get; }

    /// <inheritdoc />
    public override string DefaultRate { get; }

    /// <inheritdoc />
    public override IReadOnlyList<ChannelDescriptor> Channels => _channels;

    /// <inheritdoc />
    public override IReadOnlyList<MetricDescriptor<IDailyDataPoint>> DailyMetrics => _dailyMetrics;

    /// <inheritdoc />
    public override IReadOnlyList<RateDescriptor<IDailyDataPoint>> DailyRates => _dailyRates;

    /// <inheritdoc />
    public override Type ResponseType => typeof(SchemaResponse);

    /// <inheritdoc />
    public override Type DayType => typeof(SchemaDay);

    /// <summary>Reads a schema file (JSON Schema with the generator's keywords) and builds its catalogue.</summary>
    /// <param name="path">The schema file, e.g. <c>my.schema.json</c>; diagnostics name it as given.</param>
    /// <exception cref="CampaignSchemaException">The schema has problems the build would report (CAG001–CAG013), the first one located.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SchemaCatalogue Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Builds the catalogue of a schema's text.</summary>
    /// <param name="schemaText">The schema's JSON text.</param>
    /// <param name="path">The name diagnostics give the schema (a path, or any name ending in <c>.schema.json</c>).</param>
    /// <exception cref="CampaignSchemaException">The schema has problems the build would report (CAG001–CAG013), the first one located.</exception>
    public static SchemaCatalogue Parse(string schemaText, string path)
    {
        ArgumentNullException.ThrowIfNull(schemaText);
        ArgumentNullException.ThrowIfNull(path);
        var result = SchemaParser.Parse(path, schemaText, fileNamespace: null, projectNamespace: null, System.Threading.CancellationToken.None, documents: Siblings(path));
        if (result.Spec is null || result.Diagnostics.Count > 0)
        {
            // As the generator reports them: in the order found, the same problem found through several paths once.
            var diagnostics = result.Diagnostics.Distinct()
                .Select(d => new SchemaDiagnostic(d.Id, d.Location?.FilePath ?? path, (d.Location?.Line ?? 0) + 1, (d.Location?.Column ?? 0) + 1, DiagnosticTexts.Message(d)))
                .ToList();
            throw new CampaignSchemaException(diagnostics);
        }

        // What the run-time reader reads: a daily series of its own file's shapes, without the generated models' maps and
        // string lists (a schema using them is read by the generated models only; reading them as lists would be wrong).
        var unsupported = !result.Spec.IsSeries
            ? "its root is a plain model (\"x-role\": \"model\"), not a daily series"
            : result.Spec.Types.SelectMany(t => t.Properties).FirstOrDefault(p => p.Kind is ValueKind.ObjectMap or ValueKind.StringArray) is { } p
                ? "the property '" + p.JsonName + "' is a " + (p.Kind == ValueKind.ObjectMap ? "map keyed by id" : "list of strings") + ", which only the generated models read"
                : null;
        if (unsupported is not null)
        {
            throw new CampaignSchemaException(new[] { new SchemaDiagnostic(DiagnosticTexts.InvalidStructure.Id, path, 1, 1, "--schema reads a data-series schema at run time, and " + unsupported) });
        }

        return new SchemaCatalogue(result.Spec);
    }

    /// <summary>The schema files next to <paramref name="path"/>, which a cross-file $ref of it may name (as the build sees its AdditionalFiles).</summary>
    private static IEnumerable<SchemaDocument> Siblings(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
        {
            return Array.Empty<SchemaDocument>();
        }

        return Directory.GetFiles(folder, "*.schema.json")
            .Where(f => !string.Equals(Path.GetFullPath(f), Path.GetFullPath(path), StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new SchemaDocument(Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, Path.GetFileName(f)), File.ReadAllText(f), null))
            .ToList();
    }

    /// <inheritdoc />
    public override IDataSeriesResponse ParseResponse(ReadOnlySpan<byte> utf8Json) => (SchemaResponse)SchemaReader.Parse(utf8Json, _response);

    /// <inheritdoc />
    public override IDailyDataPoint ParseDay(ReadOnlySpan<byte> utf8Json) => (SchemaDay)SchemaReader.Parse(utf8Json, _day);

    /// <inheritdoc />
    public override void WriteResponse(Utf8JsonWriter writer, IDataSeriesResponse response) => SchemaWriter.Write(writer, Expect(response, _response, nameof(response)));

    /// <inheritdoc />
    public override void WriteDay(Utf8JsonWriter writer, IDailyDataPoint day) => SchemaWriter.Write(writer, Expect(day, _day, nameof(day)));

    /// <inheritdoc />
    public override IDataSeriesResponse CreateMergedResponse(IReadOnlyList<IDailyDataPoint> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var list = _day.CreateArray(days.Count);
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = Expect(days[i], _day, nameof(days));
        }

        var response = (SchemaResponse)_response.Create();
        if (_response.Message is { } messageField)
        {
            response.SetReference(messageField, SuccessStatus);
            response.MarkPresent(messageField);
        }

        var daysField = _response.Days!;
        response.SetReference(daysField, list);
        response.MarkPresent(daysField);
        return response;
    }

    /// <summary>The model as one of this catalogue's values of the given type; anything else is the caller's mistake, never read as another type's slots.</summary>
    private static SchemaModel Expect(object? value, ObjectLayout layout, string parameter) =>
        value is SchemaModel model && ReferenceEquals(model.Layout, layout)
            ? model
            : throw new ArgumentException("Expected a " + layout.Name + " of this catalogue's schema, got " + (value is SchemaModel other ? "a " + other.TypeName + " of another schema" : value?.GetType().FullName ?? "null") + ".", parameter);

    /// <summary>The metric, rate, exposure and pattern-group descriptors of one type, as the generated catalogue declares them.</summary>
    private sealed class Descriptors<TModel>
        where TModel : class
    {
        public Descriptors(ObjectLayout layout)
        {
            var type = layout.Spec;
            var byName = new Dictionary<string, MetricDescriptor<TModel>>(StringComparer.Ordinal);
            var metrics = new List<MetricDescriptor<TModel>>();
            foreach (var field in layout.Fields)
            {
                var p = field.Spec;
                MetricDescriptor<TModel> metric;
                if (p.Kind == ValueKind.Int64)
                {
                    metric = new MetricDescriptor<TModel>(p.JsonName, p.CSharpName, p.IsRequired, p.Description, null, m => Expect(m, layout, "model").GetInt64(field));
                }
                else if (p.Kind == ValueKind.Double)
                {
                    metric = new MetricDescriptor<TModel>(p.JsonName, p.CSharpName, p.IsRequired, p.Description, m => Expect(m, layout, "model").GetDouble(field));
                }
                else
                {
                    continue;
                }

                byName[p.JsonName] = metric;
                metrics.Add(metric);
            }

            Metrics = metrics.ToArray();
            var derived = new List<MetricDescriptor<TModel>>();
            var formulas = new List<Func<SchemaModel, Number?>>();
            foreach (var d in type.Derived)
            {
                var evaluate = Derivation(layout, d, formulas);
                formulas.Add(evaluate);

                // A derived amount is declared without its formula, as the generated catalogue declares it.
                var metric = d.IsAmount
                    ? new MetricDescriptor<TModel>(d.Name, null, false, d.Description, m => evaluate(Expect(m, layout, "model"))?.AsDouble)
                    : new MetricDescriptor<TModel>(d.Name, null, false, d.Description, d.Formula, m => evaluate(Expect(m, layout, "model"))?.AsInt64);
                byName[d.Name] = metric;
                derived.Add(metric);
            }

            Derived = derived.ToArray();
            Rates = type.Rates
                .Select(r => new RateDescriptor<TModel>(r.Name, r.Description, byName[r.Numerator], byName[r.Denominator], r.IsProportion, r.Guardrail switch
                {
                    "lower-is-better" => GuardrailDirection.LowerIsBetter,
                    "higher-is-better" => GuardrailDirection.HigherIsBetter,
                    _ => (GuardrailDirection?)null,
                }))
                .ToArray();
            Exposure = type.Exposure.Select(e => byName[e.Value]).ToArray();
            Dynamic = layout.Patterns
                .Select((g, i) => new DynamicMetricGroup(g.CSharpName, g.Pattern, g.Description, m => Expect(m, layout, "model").Group(i)))
                .ToArray();
        }

        public MetricDescriptor<TModel>[] Metrics { get; }

        public MetricDescriptor<TModel>[] Derived { get; }

        public RateDescriptor<TModel>[] Rates { get; }

        public MetricDescriptor<TModel>[] Exposure { get; }

        public DynamicMetricGroup[] Dynamic { get; }

        /// <summary>
        /// A derived metric: the first alternative whose terms are all present, its terms added and subtracted left to
        /// right as the generated code's C# expression does (whole numbers while both sides are, unchecked as C# is by
        /// default; a number once a side is one).
        /// </summary>
        private static Func<SchemaModel, Number?> Derivation(ObjectLayout layout, DerivedSpec derived, List<Func<SchemaModel, Number?>> earlier)
        {
            var alternatives = derived.Alternatives.Select(a => a.Terms.Select(t =>
            {
                Func<SchemaModel, Number?> source;
                if (layout.Field(t.Metric) is { } field)
                {
                    source = field.Spec.Kind == ValueKind.Double
                        ? m => m.GetDouble(field) is double d ? Number.Of(d) : null
                        : m => m.GetInt64(field) is long l ? Number.Of(l) : null;
                }
                else
                {
                    source = earlier[IndexOf(layout.Spec, t.Metric)];
                }

                return (t.Negative, Source: source);
            }).ToArray()).ToArray();

            return m =>
            {
                foreach (var terms in alternatives)
                {
                    Number? total = null;
                    var complete = true;
                    foreach (var (negative, source) in terms)
                    {
                        if (source(m) is not { } value)
                        {
                            complete = false;
                            break;
                        }

                        total = total is { } sum ? (negative ? sum.Minus(value) : sum.Plus(value)) : (negative ? value.Negated() : value);
                    }

                    if (complete && total is { } result)
                    {
                        return result;
                    }
                }

                return null;
            };
        }

        private static int IndexOf(TypeSpec type, string derivedName)
        {
            for (var i = 0; i < type.Derived.Count; i++)
            {
                if (type.Derived[i].Name == derivedName)
                {
                    return i;
                }
            }

            throw new InvalidOperationException("The derived metric '" + derivedName + "' is not declared before its use.");
        }
    }

    /// <summary>A value of a derived-metric expression: a whole number or a number, with C#'s arithmetic of <c>long</c> and <c>double</c>.</summary>
    private readonly record struct Number(bool IsDouble, long Whole, double Real)
    {
        public double AsDouble => IsDouble ? Real : Whole;

        public long AsInt64 => IsDouble ? (long)Real : Whole;

        public static Number Of(long value) => new(false, value, 0);

        public static Number Of(double value) => new(true, 0, value);

        public Number Negated() => IsDouble ? Of(-Real) : Of(unchecked(-Whole));

        public Number Plus(Number other) => IsDouble || other.IsDouble ? Of(AsDouble + other.AsDouble) : Of(unchecked(Whole + other.Whole));

        public Number Minus(Number other) => IsDouble || other.IsDouble ? Of(AsDouble - other.AsDouble) : Of(unchecked(Whole - other.Whole));
    }
}
