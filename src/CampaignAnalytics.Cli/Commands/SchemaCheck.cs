using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Generators.Model;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>
/// Finds what real payloads carry that the schema lacks, by walking the parsed models' <c>UnknownChannels</c> and
/// <c>UnknownFields</c>: unknown channels (with their elements' fields) and unknown fields of the response, the days
/// and each known channel's elements. Infers JSON types merged over every occurrence and writes the JSON Schema
/// fragment to add.
/// </summary>
internal sealed class SchemaCheck
{
    // Where an unknown field was seen: the response, a day, the messages object, or the elements of a (known or unknown) channel.
    private readonly SortedDictionary<string, Finding> _unknownChannels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, Finding>> _unknownFields = new(StringComparer.Ordinal);

    private const string ResponseScope = "(response)";
    private const string DayScope = "(day)";
    private const string MessagesScope = "(messages)";

    public bool HasFindings => _unknownChannels.Count > 0 || _unknownFields.Values.Any(f => f.Count > 0);

    /// <summary>Walks one parsed response.</summary>
    public void Add(string file, IDataSeriesResponse response, ChannelCatalogue catalogue)
    {
        AddResponseFields(file, response.UnknownFields);
        AddDays(file, ChannelCatalogue.DaysOf(response), catalogue);
    }

    /// <summary>Records the unknown fields of a response object (outside its days).</summary>
    public void AddResponseFields(string file, IReadOnlyList<RawJsonProperty> fields) => AddFields(ResponseScope, file, null, fields);

    /// <summary>Walks days: their unknown fields, unknown channels and the unknown fields of known channels' elements.</summary>
    public void AddDays(string file, IEnumerable<IDailyDataPoint> days, ChannelCatalogue catalogue)
    {
        foreach (var day in days)
        {
            // Formatted only for a day that has something unknown (most have nothing).
            string? date = null;
            if (day.UnknownFields.Count > 0)
            {
                AddFields(DayScope, file, date ??= Infrastructure.Dates.Format(day.Time), day.UnknownFields);
            }

            if (day.Messages is not { } messages)
            {
                continue;
            }

            if (messages.UnknownFields.Count > 0 || messages.UnknownChannels.Count > 0)
            {
                date ??= Infrastructure.Dates.Format(day.Time);

                // The messages object's unknown properties are its unknown channels: report those once, as channels.
                var channelNames = new HashSet<string>(messages.UnknownChannels.Select(c => c.Name), StringComparer.Ordinal);
                AddFields(MessagesScope, file, date, messages.UnknownFields.Where(f => !channelNames.Contains(f.Name)).ToList());
                foreach (var channel in messages.UnknownChannels)
                {
                    var finding = Get(_unknownChannels, channel.Name);
                    finding.Seen(file, date, channel.ValueKind == JsonValueKind.Array ? "array" : TypeOf(channel.Value));
                    if (channel.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var element in channel.Value.EnumerateArray())
                        {
                            if (element.ValueKind != JsonValueKind.Object)
                            {
                                continue;
                            }

                            foreach (var property in element.EnumerateObject())
                            {
                                Get(Scope(channel.Name), property.Name).Seen(file, date, TypeOf(property.Value));
                            }
                        }
                    }
                }
            }

            foreach (var known in catalogue.Channels)
            {
                foreach (var element in known.GetVariations(day))
                {
                    if (element.UnknownFields.Count > 0)
                    {
                        AddFields(known.Key, file, date ??= Infrastructure.Dates.Format(day.Time), element.UnknownFields);
                    }
                }
            }
        }
    }

    /// <summary>Adds what another check gathered (one campaign's, walked on another thread) to this one.</summary>
    public void Merge(SchemaCheck other)
    {
        foreach (var (name, finding) in other._unknownChannels)
        {
            Get(_unknownChannels, name).Merge(finding);
        }

        foreach (var (scope, fields) in other._unknownFields)
        {
            foreach (var (name, finding) in fields)
            {
                Get(Scope(scope), name).Merge(finding);
            }
        }
    }

    private void AddFields(string scope, string file, string? date, IReadOnlyList<RawJsonProperty> fields)
    {
        foreach (var field in fields)
        {
            Get(Scope(scope), field.Name).Seen(file, date, TypeOf(field.Value));
        }
    }


    private SortedDictionary<string, Finding> Scope(string scope)
    {
        if (!_unknownFields.TryGetValue(scope, out var fields))
        {
            fields = new SortedDictionary<string, Finding>(StringComparer.Ordinal);
            _unknownFields[scope] = fields;
        }

        return fields;
    }

    private static Finding Get(SortedDictionary<string, Finding> map, string name)
    {
        if (!map.TryGetValue(name, out var finding))
        {
            finding = new Finding();
            map[name] = finding;
        }

        return finding;
    }

    /// <summary>The JSON Schema type of a value: a number without fraction or exponent is an integer.</summary>
    internal static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => value.GetRawText().IndexOfAny(new[] { '.', 'e', 'E' }) < 0 ? "integer" : "number",
        _ => "null",
    };

    /// <summary>The unknown channels' names, sorted.</summary>
    public IReadOnlyList<string> UnknownChannels => _unknownChannels.Keys.ToList();

    /// <summary>The unknown fields outside unknown channels, as "name on where" (e.g. "latency_p99_ms on webhook").</summary>
    public IReadOnlyList<string> UnknownFields =>
        _unknownFields
            .Where(p => !_unknownChannels.ContainsKey(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Keys.Select(name => $"{name} on {ScopeText(p.Key, quoted: false)}"))
            .ToList();

    private static string ScopeText(string scope, bool quoted) => scope switch
    {
        ResponseScope => "the response",
        DayScope => "days",
        MessagesScope => "the messages object",
        _ => quoted ? $"'{scope}' elements" : scope,
    };

    /// <summary>
    /// What the fragment leaves out because the generator cannot type it yet (values that are objects, arrays,
    /// only null, or of several types; an unknown channel whose value is not an array): one line each. The
    /// parser keeps them as raw JSON in <c>UnknownFields</c> / <c>UnknownChannels</c>.
    /// </summary>
    public IEnumerable<string> Untyped()
    {
        foreach (var (name, finding) in _unknownChannels)
        {
            if (!IsArrayChannel(finding))
            {
                yield return $"channel '{name}' ({finding.TypeText})";
            }
        }

        foreach (var (scope, fields) in _unknownFields.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (_unknownChannels.TryGetValue(scope, out var channel) && !IsArrayChannel(channel))
            {
                continue; // the channel is listed whole
            }

            foreach (var (name, finding) in fields)
            {
                if (FieldType(finding) is null)
                {
                    yield return $"field '{name}' ({finding.TypeText}) on {ScopeText(scope, quoted: true)}";
                }
            }
        }
    }

    /// <summary>The single JSON Schema type the generator can type a field as (null left out: fields are optional); null when there is none.</summary>
    private static string? FieldType(Finding finding)
    {
        var types = finding.Types.Where(t => t != "null").ToList();
        return types.Count == 1 && types[0] is "integer" or "number" or "string" or "boolean" ? types[0] : null;
    }

    private static bool IsArrayChannel(Finding finding) =>
        finding.Types.Where(t => t != "null").SequenceEqual(new[] { "array" });

    /// <summary>The findings, one line each, for people.</summary>
    public IEnumerable<string> Describe()
    {
        foreach (var (name, finding) in _unknownChannels)
        {
            var fields = _unknownFields.TryGetValue(name, out var f) && f.Count > 0
                ? "; element fields: " + string.Join(", ", f.Select(p => $"{p.Key} ({p.Value.TypeText})"))
                : string.Empty;
            yield return $"unknown channel '{name}' ({finding.TypeText}) {finding.Where}{fields}";
        }

        foreach (var (scope, fields) in _unknownFields.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (_unknownChannels.ContainsKey(scope))
            {
                continue;
            }

            var on = ScopeText(scope, quoted: true);
            foreach (var (name, finding) in fields)
            {
                yield return $"unknown field '{name}' ({finding.TypeText}) on {on} {finding.Where}";
            }
        }
    }

    /// <summary>The JSON Schema fragment to merge into the schema: new <c>$defs</c> shapes and properties, the new channels under messages.</summary>
    /// <param name="schema">The schema to extend (<c>--schema</c>'s); null for the one the tool was built with.</param>
    public JsonObject Fragment(JsonObject? schema = null)
    {
        schema ??= EmbeddedSchema.Load();
        var defs = schema["$defs"]!.AsObject();
        var messagesDef = DefWithRole(defs, "channels");
        var dayDef = DefWithRole(defs, "day");
        var commonDef = CommonVariationDef(defs, messagesDef);
        var commonFields = new HashSet<string>(defs[commonDef]?["properties"]?.AsObject().Select(p => p.Key) ?? Enumerable.Empty<string>(), StringComparer.Ordinal);

        var fragment = new JsonObject();
        var outDefs = new JsonObject();
        if (_unknownFields.TryGetValue(ResponseScope, out var top) && Properties(top, null, TakenNames(schema, defs)) is { Count: > 0 } topProperties)
        {
            fragment["properties"] = topProperties;
        }

        foreach (var (scope, fields) in _unknownFields.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (scope == ResponseScope || _unknownChannels.ContainsKey(scope) || fields.Count == 0)
            {
                continue;
            }

            var defName = scope switch
            {
                DayScope => dayDef,
                MessagesScope => messagesDef,
                _ => DefOfChannel(defs, messagesDef, scope),
            };
            var properties = Properties(fields, null, TakenNames(defs[defName] as JsonObject, defs));
            if (properties.Count > 0)
            {
                Merge(outDefs, defName, properties);
            }
        }

        var newChannels = new JsonObject();
        foreach (var (name, channel) in _unknownChannels)
        {
            if (!IsArrayChannel(channel))
            {
                continue; // listed by Untyped()
            }

            var fields = _unknownFields.TryGetValue(name, out var f) ? f : new SortedDictionary<string, Finding>(StringComparer.Ordinal);
            var defName = defs.ContainsKey(name) ? name + "_channel" : name;
            outDefs[defName] = new JsonObject
            {
                ["type"] = "object",
                ["x-type-name"] = Pascal(name) + "Variation",
                ["description"] = $"Statistics of one {Display(name)} variation on one day.",
                ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/$defs/" + commonDef }),
                ["properties"] = Properties(fields, commonFields, TakenNames(defs[commonDef] as JsonObject, defs)),
                ["x-rates"] = new JsonArray(),
            };
            newChannels[name] = new JsonObject
            {
                ["type"] = "array",
                ["x-display-name"] = Display(name),
                ["description"] = $"{Display(name)} variations.",
                ["items"] = new JsonObject { ["$ref"] = "#/$defs/" + defName },
            };
        }

        if (newChannels.Count > 0)
        {
            Merge(outDefs, messagesDef, newChannels);
        }

        if (outDefs.Count > 0)
        {
            fragment["$defs"] = outDefs;
        }

        return fragment;
    }

    private static void Merge(JsonObject defs, string defName, JsonObject properties)
    {
        if (defs[defName] is not JsonObject def)
        {
            def = new JsonObject();
            defs[defName] = def;
        }

        if (def["properties"] is not JsonObject existing)
        {
            existing = new JsonObject();
            def["properties"] = existing;
        }

        foreach (var (key, value) in properties.ToList())
        {
            properties.Remove(key);
            existing[key] = value;
        }
    }

    /// <summary>
    /// The C# member names a schema object's properties already take (its own and those it inherits through
    /// <c>allOf</c>: an <c>x-property-name</c>, else the generator's PascalCase of the JSON name), and the names the
    /// generator reserves for its own members.
    /// </summary>
    private static HashSet<string> TakenNames(JsonObject? def, JsonObject defs)
    {
        var taken = new HashSet<string>(ReservedNames.Members, StringComparer.Ordinal);
        var pending = new Stack<JsonObject>();
        var seen = new HashSet<JsonObject>();
        if (def is not null)
        {
            pending.Push(def);
        }

        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var (key, value) in current["properties"] as JsonObject ?? new JsonObject())
            {
                taken.Add(value?["x-property-name"]?.GetValue<string>() ?? Pascal(key));
            }

            foreach (var part in current["allOf"] as JsonArray ?? new JsonArray())
            {
                if (part?["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/$defs/", StringComparison.Ordinal)
                    && defs[reference.Substring("#/$defs/".Length)] is JsonObject inherited)
                {
                    pending.Push(inherited);
                }
            }
        }

        return taken;
    }

    /// <summary>
    /// The <c>x-property-name</c> a new field needs, or null when the generator's PascalCase of its JSON name is already
    /// a C# identifier no other member takes: a field such as <c>2xx_count</c> or <c>p99/latency</c>, or one whose
    /// name collides with another (<c>foo_bar</c> beside <c>foo-bar</c>), would otherwise fail the build with CAG006.
    /// </summary>
    internal static string? PropertyNameFor(string jsonName, ISet<string> taken)
    {
        var pascal = Pascal(jsonName);
        if (Identifiers.IsUsableName(pascal) && taken.Add(pascal))
        {
            return null;
        }

        // Letters, digits and underscores are identifier characters; what is left may still start with a digit or be a
        // keyword (the "int" of "/int"), which the generator refuses as it refuses the name itself.
        var clean = new string(pascal.Where(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
        if (!Identifiers.IsUsableName(clean))
        {
            clean = "Field" + clean;
        }

        var candidate = clean;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = clean + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static JsonObject Properties(SortedDictionary<string, Finding> fields, HashSet<string>? skip, HashSet<string> taken)
    {
        var properties = new JsonObject();
        foreach (var (name, finding) in fields)
        {
            if (skip is not null && skip.Contains(name))
            {
                continue;
            }

            // One type, without "null" (the field is optional anyway): the generator rejects union types and
            // cannot type objects or arrays of no $ref; those stay raw JSON and are listed by Untyped().
            if (FieldType(finding) is not { } type)
            {
                continue;
            }

            var property = new JsonObject();
            property["type"] = type;
            if (type == "integer")
            {
                property["minimum"] = 0;
            }

            property["description"] = "Seen in real payloads; not documented yet.";
            if (PropertyNameFor(name, taken) is { } csharpName)
            {
                property["x-property-name"] = csharpName;
            }

            properties[name] = property;
        }

        return properties;
    }

    private static string DefWithRole(JsonObject defs, string role) =>
        defs.FirstOrDefault(p => p.Value?["x-role"]?.GetValue<string>() == role).Key
        ?? throw new UserErrorException($"the schema has no $defs entry with \"x-role\": \"{role}\", which schema check needs to place the fragment.");

    private static string DefOfChannel(JsonObject defs, string messagesDef, string channel)
    {
        var reference = defs[messagesDef]?["properties"]?[channel]?["items"]?["$ref"]?.GetValue<string>();
        return reference is not null && reference.StartsWith("#/$defs/", StringComparison.Ordinal)
            ? reference.Substring("#/$defs/".Length)
            : channel;
    }

    private static string CommonVariationDef(JsonObject defs, string messagesDef)
    {
        var first = defs[messagesDef]?["properties"]?.AsObject().FirstOrDefault().Key;
        var channelDef = first is null ? null : DefOfChannel(defs, messagesDef, first);
        var reference = channelDef is null ? null : defs[channelDef]?["allOf"]?[0]?["$ref"]?.GetValue<string>();
        return reference?.Substring("#/$defs/".Length) ?? "variation";
    }

    /// <summary>The generator's C# name for a JSON name (its own rule, shared through the library).</summary>
    private static string Pascal(string key) => Identifiers.PascalCase(key);

    private static string Display(string key) =>
        string.Join(" ", key.Split('_', '-', ' ').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));

    /// <summary>The fragment as indented JSON text.</summary>
    public static string ToText(JsonObject fragment) =>
        fragment.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = ModelWriting.RelaxedEncoder }).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Occurrences of one unknown name: types seen (merged), files and dates.</summary>
    private sealed class Finding
    {
        private readonly SortedSet<string> _types = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _files = new(StringComparer.Ordinal);
        private string? _firstDate;
        private string? _lastDate;

        public int Count { get; private set; }

        public void Seen(string file, string? date, string type)
        {
            Count++;
            _types.Add(type);
            _files.Add(Path.GetFileName(file));
            if (date is not null)
            {
                _firstDate = _firstDate is null || string.CompareOrdinal(date, _firstDate) < 0 ? date : _firstDate;
                _lastDate = _lastDate is null || string.CompareOrdinal(date, _lastDate) > 0 ? date : _lastDate;
            }
        }

        /// <summary>Adds another finding of the same name and place.</summary>
        public void Merge(Finding other)
        {
            Count += other.Count;
            _types.UnionWith(other._types);
            _files.UnionWith(other._files);
            if (other._firstDate is { } first)
            {
                _firstDate = _firstDate is null || string.CompareOrdinal(first, _firstDate) < 0 ? first : _firstDate;
            }

            if (other._lastDate is { } last)
            {
                _lastDate = _lastDate is null || string.CompareOrdinal(last, _lastDate) > 0 ? last : _lastDate;
            }
        }

        /// <summary>The merged types: integer and number together are a number; null is kept apart.</summary>
        public IReadOnlyList<string> Types
        {
            get
            {
                var types = new SortedSet<string>(_types, StringComparer.Ordinal);
                if (types.Contains("number"))
                {
                    types.Remove("integer");
                }

                return types.ToList();
            }
        }

        public string TypeText => string.Join("|", Types);

        public string Where
        {
            get
            {
                var times = Count == 1 ? "once" : Count.ToString(CultureInfo.InvariantCulture) + " times";
                var dates = _firstDate is null ? string.Empty : _firstDate == _lastDate ? $" on {_firstDate}" : $" from {_firstDate} to {_lastDate}";
                return $"seen {times}{dates} in {string.Join(", ", _files)}";
            }
        }
    }
}

/// <summary>The schema the library was generated from, embedded in the tool (the single source of truth; read, never copied by hand).</summary>
internal static class EmbeddedSchema
{
    public const string ResourceName = "campaign-data-series.schema.json";

    public static JsonObject Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The schema is not embedded in the tool (resource " + ResourceName + ").");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return JsonNode.Parse(reader.ReadToEnd())!.AsObject();
    }
}
