using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CampaignAnalytics.Generators.Diagnostics;
using CampaignAnalytics.Generators.Json;
using CampaignAnalytics.Generators.Model;

namespace CampaignAnalytics.Generators.Parsing;

/// <summary>Turns the text of one schema file into a <see cref="SchemaSpec"/> and located diagnostics.</summary>
internal sealed class SchemaParser
{
    public const string DefaultNamespace = "CampaignAnalytics.Generated";

    // Keywords the generator understands. Validation-only keywords are accepted and left to validators.
    private static readonly HashSet<string> KnownKeywords = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "$defs", "$ref", "title", "description", "type", "properties", "required",
        "items", "additionalProperties", "patternProperties", "allOf", "format", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "minLength", "maxLength", "examples",
        "default", "deprecated", "readOnly", "writeOnly",
        "x-namespace", "x-type-name", "x-catalogue-name", "x-role", "x-display-name", "x-rates", "x-derived", "x-property-name", "x-exposure",
        "x-success", "x-control-name", "x-default-rate",
    };

    // Braze's conventions, used when a schema does not declare its own (x-role "status", x-success, x-control-name,
    // x-default-rate): the schemas written before those keywords existed keep reading as they did.
    private const string DefaultStatusField = "message";
    private const string DefaultSuccess = "success";
    private const string DefaultControlName = "Control Group";
    private const string DefaultRate = "ConversionRate";

    private static readonly HashSet<string> ReservedMemberNames = ReservedNames.Members;

    private readonly string _path;
    private readonly string _text;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, JsonObjectNode> _defs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _builtDefs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _building = new(StringComparer.Ordinal);
    private readonly List<TypeSpec> _types = new();
    // Case-insensitive: type names become hint names, which Roslyn compares ignoring case (a clash throws).
    private readonly Dictionary<string, SourceRange> _typeNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ChannelSpec> _channels = new();
    // Cross-file $refs: the other schema files, their parsed roots (null when not JSON), and the types this file
    // refers to but another file owns and emits (name → owner's path).
    private readonly IReadOnlyList<SchemaDocument> _documents;
    private readonly Dictionary<string, JsonObjectNode?> _otherRoots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _externalTypes = new(StringComparer.Ordinal);
    private string _namespace = DefaultNamespace;
    private string? _projectNamespace;
    private string? _success;
    private string? _controlName;
    private int[]? _lineStarts;

    private SchemaParser(string path, string text, CancellationToken cancellationToken, IEnumerable<SchemaDocument>? documents)
    {
        _path = path;
        _text = text;
        _cancellationToken = cancellationToken;
        _documents = documents?.ToList() ?? new List<SchemaDocument>();
    }

    /// <summary>Parses one schema file; <paramref name="documents"/> are the schema files a <c>$ref</c> may name (this one among them or not).</summary>
    public static ParseResult Parse(string path, string? text, string? fileNamespace, string? projectNamespace, CancellationToken cancellationToken, string? packageNamespace = null, IEnumerable<SchemaDocument>? documents = null)
    {
        if (text is null)
        {
            var d = new DiagnosticInfo(DiagnosticTexts.InvalidJson, new LocationInfo(path, 0, 0, 0, 0, 0, 0), Args("the file could not be read"));
            return new ParseResult(path, null, new[] { d }.ToEquatableArray());
        }

        var parser = new SchemaParser(path, text, cancellationToken, documents);
        SchemaSpec? spec;
        try
        {
            spec = parser.Run(fileNamespace, projectNamespace, packageNamespace);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // A bug of ours must never crash the build (CS8785): report it on the schema instead.
            parser._diagnostics.Add(new DiagnosticInfo(DiagnosticTexts.InternalError, new LocationInfo(path, 0, 0, 0, 0, 0, 0), Args(e.GetType().Name + ": " + e.Message)));
            spec = null;
        }

        if (parser._diagnostics.Count > 0)
        {
            spec = null;
        }

        return new ParseResult(path, spec, parser._diagnostics.ToEquatableArray());
    }

    private SchemaSpec? Run(string? fileNamespace, string? projectNamespace, string? packageNamespace)
    {
        JsonNode document;
        List<JsonMember> duplicates;
        try
        {
            document = SchemaJsonParser.Parse(_text, out duplicates);
        }
        catch (JsonSyntaxException e)
        {
            Report(DiagnosticTexts.InvalidJson, e.Range, e.Message);
            return null;
        }

        foreach (var duplicate in duplicates)
        {
            Report(DiagnosticTexts.DuplicateProperty, duplicate.KeyRange, duplicate.Key);
        }

        if (document is not JsonObjectNode root)
        {
            Report(DiagnosticTexts.InvalidStructure, document.Range, "the schema's root must be an object schema");
            return null;
        }

        if (root.Get("$defs") is JsonObjectNode defs)
        {
            foreach (var member in defs.Members)
            {
                if (member.Value is JsonObjectNode def)
                {
                    _defs[member.Key] = def;
                }
                else
                {
                    Report(DiagnosticTexts.InvalidStructure, member.Value.Range, "the definition '" + member.Key + "' must be an object schema");
                }
            }
        }

        var ns = fileNamespace ?? StringValue(root, "x-namespace") ?? projectNamespace ?? DefaultNamespace;
        _namespace = ns;
        _projectNamespace = projectNamespace;
        if (!IsValidNamespace(ns))
        {
            Report(DiagnosticTexts.InvalidIdentifier, root.Find("x-namespace")?.Value.Range ?? root.Range, ns, "it is not a valid namespace");
        }

        if (string.Equals(ns, packageNamespace, StringComparison.Ordinal))
        {
            // In a project consuming the package: every type would clash with the package's own (CS0436 each).
            Report(DiagnosticTexts.PackageNamespace, root.Find("x-namespace")?.Value.Range ?? root.Range, ns);
        }

        var baseName = Path.GetFileName(_path);
        var cut = baseName.IndexOf('.');
        if (cut > 0)
        {
            baseName = baseName.Substring(0, cut);
        }

        var responseType = BuildObjectType(root, PascalCase(baseName) + "Response", TypeRole.Response);
        BuildDefinitionsOtherFilesUse();
        var catalogueName = StringValue(root, "x-catalogue-name") ?? responseType + "Catalogue";
        CheckTypeName(catalogueName, root.Find("x-catalogue-name")?.Value.Range ?? root.Range);
        if (_typeNames.ContainsKey(catalogueName))
        {
            Report(DiagnosticTexts.InvalidIdentifier, root.Find("x-catalogue-name")?.Value.Range ?? root.Range, catalogueName, "it collides with a generated type");
        }

        // Every definition is checked, even one no property uses, so a typo never goes unnoticed.
        foreach (var pair in _defs)
        {
            if (!_builtDefs.ContainsKey(pair.Key))
            {
                ValidateKeywords(pair.Value);
            }
        }

        var schemaId = StringValue(root, "$id") ?? Path.GetFileName(_path);
        if (root.Get("x-role") is JsonNode rootRole)
        {
            if (rootRole is JsonStringNode { Value: "model" })
            {
                // A plain model (a list, details, a Canvas series): no days, no channel catalogue; its catalogue holds
                // the metrics and rates of its types that declare them, and is emitted only when one does.
                var hasCatalogue = _types.Any(t => t.Rates.Count > 0 || t.Derived.Count > 0);
                for (var i = 0; i < _types.Count; i++)
                {
                    _types[i] = _types[i] with { Role = TypeRole.Plain };
                }

                return _diagnostics.Count > 0
                    ? null
                    : new SchemaSpec(_path, ns, schemaId, catalogueName, responseType, string.Empty, string.Empty, _types.ToEquatableArray(), _channels.ToEquatableArray(), new ConventionSpec(DefaultSuccess, DefaultControlName, DefaultRate), IsSeries: false, HasCatalogue: hasCatalogue);
            }

            Report(DiagnosticTexts.InvalidStructure, rootRole.Range, "the root's x-role can only be \"model\" (a response that is not a daily series); a data series says nothing");
            return null;
        }

        var response = _types.First(t => t.Name == responseType);
        var daysProperty = response.Properties.FirstOrDefault(p => p.Role == PropertyRole.Days);
        if (daysProperty is null || daysProperty.Kind != ValueKind.ObjectArray)
        {
            Report(DiagnosticTexts.InvalidStructure, root.Range, "the root schema needs one array property with \"x-role\": \"days\" whose items $ref the daily data point");
            return null;
        }

        if (_externalTypes.ContainsKey(daysProperty.ElementType!))
        {
            Report(DiagnosticTexts.InvalidStructure, root.Range, "the daily data point of a data series must be a definition of its own file (its catalogue is generated from it); a response that reuses another file's days says \"x-role\": \"model\"");
            return null;
        }

        var day = _types.First(t => t.Name == daysProperty.ElementType);
        var dateProperty = day.Properties.FirstOrDefault(p => p.Role == PropertyRole.Date);
        var channelsProperty = day.Properties.FirstOrDefault(p => p.Role == PropertyRole.Channels);
        var dayNode = FindDef(day.Name);
        if (dateProperty is null || dateProperty.Kind != ValueKind.LocalDate || !dateProperty.IsRequired)
        {
            Report(DiagnosticTexts.InvalidStructure, dayNode?.Range ?? root.Range, "the daily data point '" + day.Name + "' needs a required string property with \"format\": \"date\" and \"x-role\": \"date\"");
        }

        if (channelsProperty is null || channelsProperty.Kind != ValueKind.Object)
        {
            Report(DiagnosticTexts.InvalidStructure, dayNode?.Range ?? root.Range, "the daily data point '" + day.Name + "' needs a property that $refs the channels object (\"x-role\": \"channels\")");
            return null;
        }

        var channelsType = channelsProperty.ElementType!;
        if (_externalTypes.ContainsKey(channelsType))
        {
            Report(DiagnosticTexts.InvalidStructure, dayNode?.Range ?? root.Range, "the channels object of a data series must be a definition of its own file (its catalogue is generated from it)");
            return null;
        }

        var variationTypes = new HashSet<string>(_channels.Select(c => c.VariationType), StringComparer.Ordinal);
        for (var i = 0; i < _types.Count; i++)
        {
            var t = _types[i];
            var role = t.Name == responseType ? TypeRole.Response
                : t.Name == day.Name ? TypeRole.Day
                : t.Name == channelsType ? TypeRole.Channels
                : variationTypes.Contains(t.Name) ? TypeRole.Variation
                : TypeRole.Plain;
            _types[i] = t with { Role = role };
        }

        if (_diagnostics.Count > 0)
        {
            return null;
        }

        var conventions = BuildConventions(root, responseType, variationTypes);
        if (_diagnostics.Count > 0)
        {
            return null;
        }

        return new SchemaSpec(_path, ns, schemaId, catalogueName, responseType, day.Name, channelsType, _types.ToEquatableArray(), _channels.ToEquatableArray(), conventions);
    }

    /// <summary>
    /// The schema's conventions: the status field (<c>x-role: status</c>, else a string <c>message</c> of the root),
    /// its success value (<c>x-success</c>), the control group's name (<c>x-control-name</c>) and the rate compared by
    /// default (<c>x-default-rate</c>, which must name a rate of some channel); Braze's where the schema is silent.
    /// </summary>
    private ConventionSpec BuildConventions(JsonObjectNode root, string responseType, HashSet<string> variationTypes)
    {
        var index = _types.FindIndex(t => t.Name == responseType);
        var response = _types[index];
        if (!response.Properties.Any(p => p.Role == PropertyRole.Status)
            && response.Properties.FirstOrDefault(p => p.JsonName == DefaultStatusField && p.Kind == ValueKind.String && p.Role == PropertyRole.None) is { } message)
        {
            var properties = response.Properties.Select(p => ReferenceEquals(p, message) ? p with { Role = PropertyRole.Status } : p).ToEquatableArray();
            _types[index] = response with { Properties = properties };
        }

        var defaultRate = DefaultRate;
        if (root.Get("x-default-rate") is JsonNode rateNode)
        {
            var rates = _types.Where(t => variationTypes.Contains(t.Name)).SelectMany(t => t.Rates).Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
            if (rateNode is not JsonStringNode { Value.Length: > 0 } rateName)
            {
                Report(DiagnosticTexts.MisusedConvention, rateNode.Range, "x-default-rate must be the name of a rate, e.g. \"" + (rates.FirstOrDefault() ?? DefaultRate) + "\"");
            }
            else if (!rates.Contains(rateName.Value, StringComparer.Ordinal))
            {
                Report(DiagnosticTexts.UnknownDefaultRate, rateNode.Range, "x-default-rate names the rate '" + rateName.Value + "', which no channel declares; "
                    + (rates.Count == 0 ? "the channels have no x-rates" : "their rates: " + string.Join(", ", rates)));
            }
            else
            {
                defaultRate = rateName.Value;
            }
        }

        return new ConventionSpec(_success ?? DefaultSuccess, _controlName ?? DefaultControlName, defaultRate);
    }

    /// <summary>CAG012 for each convention keyword in <paramref name="schema"/> that does not belong there.</summary>
    private void ReportMisplacedConventions(JsonObjectNode schema, bool isRoot, PropertyRole? role)
    {
        if (!isRoot && schema.Find("x-default-rate") is { } rate)
        {
            Report(DiagnosticTexts.MisusedConvention, rate.KeyRange, "x-default-rate belongs on the root schema, next to x-catalogue-name");
        }

        if (role != PropertyRole.Status && schema.Find("x-success") is { } success)
        {
            Report(DiagnosticTexts.MisusedConvention, success.KeyRange, "x-success belongs on the property with \"x-role\": \"status\"");
        }

        if (role != PropertyRole.VariationName && schema.Find("x-control-name") is { } control)
        {
            Report(DiagnosticTexts.MisusedConvention, control.KeyRange, "x-control-name belongs on the property with \"x-role\": \"variation-name\"");
        }
    }

    /// <summary>Reads a convention's string value (<c>x-success</c>, <c>x-control-name</c>); CAG012 when it is not a non-empty string or contradicts an earlier one.</summary>
    private void ReadConvention(JsonObjectNode schema, string keyword, ref string? value)
    {
        if (schema.Get(keyword) is not JsonNode node)
        {
            return;
        }

        if (node is not JsonStringNode { Value.Length: > 0 } text)
        {
            Report(DiagnosticTexts.MisusedConvention, node.Range, keyword + " must be a non-empty string");
        }
        else if (value is not null && !string.Equals(value, text.Value, StringComparison.Ordinal))
        {
            Report(DiagnosticTexts.MisusedConvention, node.Range, keyword + " is '" + value + "' elsewhere in this schema; give one value");
        }
        else
        {
            value = text.Value;
        }
    }

    private JsonObjectNode? FindDef(string typeName)
    {
        foreach (var pair in _defs)
        {
            if (_builtDefs.TryGetValue(pair.Key, out var built) && built == typeName)
            {
                return pair.Value;
            }
        }

        return null;
    }

    // ---------------------------------------------------------------- object types

    private sealed class Shape
    {
        public readonly List<(PropertySpec Spec, SourceRange Range)> Properties = new();
        public readonly List<PatternGroupSpec> Patterns = new();
        public readonly List<(JsonObjectNode Node, JsonObjectNode Owner)> Derived = new();
        public readonly List<(JsonObjectNode Node, JsonObjectNode Owner)> Rates = new();
        public JsonArrayNode? Exposure; // the nearest declaration wins: a shape refines what it inherits
    }

    private string BuildObjectType(JsonObjectNode schema, string defaultName, TypeRole role)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var name = StringValue(schema, "x-type-name") ?? defaultName;
        var nameRange = schema.Find("x-type-name")?.Value.Range ?? schema.Range;
        CheckTypeName(name, nameRange);
        if (_typeNames.ContainsKey(name))
        {
            var existing = _typeNames.Keys.First(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            Report(DiagnosticTexts.InvalidIdentifier, nameRange, name, existing == name
                ? "two definitions of this schema generate a type with this name"
                : "it differs only in case from the generated type '" + existing + "' (the generated file names would clash)");
            return name;
        }

        _typeNames[name] = nameRange;
        var isChannels = StringValue(schema, "x-role") == "channels";
        var shape = new Shape();
        CollectShape(schema, shape, new HashSet<JsonObjectNode>());

        var seenNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (p, range) in shape.Properties)
        {
            if (ReservedMemberNames.Contains(p.CSharpName) || p.CSharpName == name)
            {
                Report(DiagnosticTexts.InvalidIdentifier, range, p.CSharpName, "it is reserved for a generated member");
            }
            else if (seenNames.TryGetValue(p.CSharpName, out var other))
            {
                Report(DiagnosticTexts.InvalidIdentifier, range, p.CSharpName, "the properties '" + other + "' and '" + p.JsonName + "' would both become " + p.CSharpName);
            }
            else
            {
                seenNames[p.CSharpName] = p.JsonName;
            }
        }

        foreach (var g in shape.Patterns)
        {
            if (seenNames.ContainsKey(g.CSharpName) || ReservedMemberNames.Contains(g.CSharpName))
            {
                Report(DiagnosticTexts.InvalidIdentifier, schema.Range, g.CSharpName, "a pattern group's x-property-name collides with another member");
            }

            seenNames[g.CSharpName] = g.Pattern;
        }

        ReportMisplacedConventions(schema, role == TypeRole.Response, null);
        var statuses = shape.Properties.Where(p => p.Spec.Role == PropertyRole.Status).ToList();
        foreach (var (p, range) in statuses)
        {
            if (role != TypeRole.Response || p.Kind != ValueKind.String)
            {
                Report(DiagnosticTexts.MisusedConvention, range, "\"x-role\": \"status\" belongs on a string property of the root schema ('" + p.JsonName + "' of '" + name + "' is not one)");
            }
        }

        foreach (var (p, range) in statuses.Skip(1))
        {
            Report(DiagnosticTexts.MisusedConvention, range, "only one property may have \"x-role\": \"status\" ('" + statuses[0].Spec.JsonName + "' has it already)");
        }

        var properties = shape.Properties.Select(p => p.Spec).ToList();
        var numeric = properties.Where(p => p.Kind is ValueKind.Int64 or ValueKind.Double)
            .ToDictionary(p => p.JsonName, p => p.Kind == ValueKind.Double, StringComparer.Ordinal);
        var derived = BuildDerived(shape, numeric, name, properties);
        var rates = BuildRates(shape, numeric, name, properties);
        var exposure = new List<EquatableString>();
        if (shape.Exposure is { } exposureNode)
        {
            foreach (var item in exposureNode.Items.OfType<JsonStringNode>())
            {
                if (numeric.TryGetValue(item.Value, out var isAmount) && !isAmount)
                {
                    exposure.Add(new EquatableString(item.Value));
                }
                else
                {
                    ReportMetric(item.Range, "x-exposure", item.Value, name, properties, numeric);
                }
            }
        }

        if (isChannels)
        {
            foreach (var (p, range) in shape.Properties)
            {
                if (p.Kind != ValueKind.ObjectArray)
                {
                    Report(DiagnosticTexts.InvalidStructure, range, "every property of the channels object must be an array whose items $ref a variation shape ('" + p.JsonName + "' is not)");
                    continue;
                }

                var displayNode = FindPropertyNode(schema, p.JsonName);
                var display = displayNode is null ? null : StringValue(displayNode, "x-display-name");
                _channels.Add(new ChannelSpec(p.JsonName, p.CSharpName, display ?? p.JsonName, p.Description, p.ElementType!));
            }
        }

        _types.Add(new TypeSpec(
            name,
            role,
            StringValue(schema, "description") ?? StringValue(schema, "title") ?? name,
            properties.ToEquatableArray(),
            shape.Patterns.ToEquatableArray(),
            derived.ToEquatableArray(),
            rates.ToEquatableArray(),
            exposure.ToEquatableArray()));
        return name;
    }

    private static JsonObjectNode? FindPropertyNode(JsonObjectNode schema, string jsonName) =>
        (schema.Get("properties") as JsonObjectNode)?.Get(jsonName) as JsonObjectNode;

    private void CollectShape(JsonObjectNode schema, Shape shape, HashSet<JsonObjectNode> visiting)
    {
        ValidateKeywords(schema);
        if (!visiting.Add(schema))
        {
            Report(DiagnosticTexts.InvalidStructure, schema.Range, "allOf forms a cycle");
            return;
        }

        var type = schema.Find("type");
        if (type is not null && !(type.Value is JsonStringNode { Value: "object" }))
        {
            Report(DiagnosticTexts.UnsupportedType, type.Value.Range, Describe(type.Value), "a definition used as a model must be of type \"object\"");
        }

        if (schema.Get("allOf") is JsonNode allOf)
        {
            if (allOf is not JsonArrayNode parts)
            {
                Report(DiagnosticTexts.InvalidStructure, allOf.Range, "allOf must be an array");
            }
            else
            {
                foreach (var part in parts.Items)
                {
                    if (part is JsonObjectNode partObject && partObject.Members.Count == 1 && partObject.Get("$ref") is JsonStringNode)
                    {
                        var target = ResolveRef(partObject);
                        if (target is { External: true })
                        {
                            Report(DiagnosticTexts.UnsupportedKeyword, part.Range, "allOf", " (an allOf part must name a definition of this file; $ref another file's definition from a property instead)");
                        }
                        else if (target is not null)
                        {
                            CollectShape(target.Value.Node, shape, visiting);
                        }
                    }
                    else
                    {
                        Report(DiagnosticTexts.UnsupportedKeyword, part.Range, "allOf", " (only elements of the form {\"$ref\": \"#/$defs/...\"} are supported)");
                    }
                }
            }
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.Find("required") is JsonMember requiredMember)
        {
            if (requiredMember.Value is JsonArrayNode array)
            {
                foreach (var item in array.Items)
                {
                    if (item is JsonStringNode s)
                    {
                        required.Add(s.Value);
                        if (FindPropertyNode(schema, s.Value) is null && !shape.Properties.Any(p => p.Spec.JsonName == s.Value))
                        {
                            Report(DiagnosticTexts.InvalidStructure, item.Range, "the required property '" + s.Value + "' is not declared in properties");
                        }
                    }
                    else
                    {
                        Report(DiagnosticTexts.InvalidStructure, item.Range, "required must list property names as strings");
                    }
                }
            }
            else
            {
                Report(DiagnosticTexts.InvalidStructure, requiredMember.Value.Range, "required must be an array of property names");
            }
        }

        if (schema.Get("properties") is JsonNode propertiesNode)
        {
            if (propertiesNode is not JsonObjectNode properties)
            {
                Report(DiagnosticTexts.InvalidStructure, propertiesNode.Range, "properties must be an object");
            }
            else
            {
                foreach (var member in properties.Members)
                {
                    var spec = BuildProperty(member, required.Contains(member.Key));
                    if (spec is null)
                    {
                        continue;
                    }

                    var existing = shape.Properties.FindIndex(p => p.Spec.JsonName == member.Key);
                    if (existing >= 0)
                    {
                        // A shape may refine a property it inherits through allOf: the later declaration wins.
                        shape.Properties[existing] = (spec, member.KeyRange);
                    }
                    else
                    {
                        shape.Properties.Add((spec, member.KeyRange));
                    }
                }
            }
        }

        foreach (var name in required)
        {
            var index = shape.Properties.FindIndex(p => p.Spec.JsonName == name);
            if (index >= 0 && !shape.Properties[index].Spec.IsRequired)
            {
                shape.Properties[index] = (shape.Properties[index].Spec with { IsRequired = true }, shape.Properties[index].Range);
            }
        }

        if (schema.Get("patternProperties") is JsonNode patternsNode)
        {
            if (patternsNode is not JsonObjectNode patterns)
            {
                Report(DiagnosticTexts.InvalidStructure, patternsNode.Range, "patternProperties must be an object");
            }
            else
            {
                foreach (var member in patterns.Members)
                {
                    var group = BuildPatternGroup(member);
                    if (group is not null)
                    {
                        shape.Patterns.Add(group);
                    }
                }
            }
        }

        if (schema.Get("additionalProperties") is JsonNode additional)
        {
            if (additional is JsonObjectNode additionalSchema)
            {
                ValidateKeywords(additionalSchema);
            }
            else if (additional is not JsonLiteralNode { Text: "true" or "false" })
            {
                Report(DiagnosticTexts.InvalidStructure, additional.Range, "additionalProperties must be a boolean or a schema");
            }
        }

        if (schema.Get("x-exposure") is JsonNode exposure)
        {
            if (exposure is JsonArrayNode exposureList && exposureList.Items.All(i => i is JsonStringNode))
            {
                shape.Exposure = exposureList;
            }
            else
            {
                Report(DiagnosticTexts.InvalidStructure, exposure.Range, "x-exposure must be an array of metric names, tried in order per element");
            }
        }

        CollectList(schema, "x-derived", shape.Derived);
        CollectList(schema, "x-rates", shape.Rates);
        visiting.Remove(schema);
    }

    private void CollectList(JsonObjectNode schema, string keyword, List<(JsonObjectNode, JsonObjectNode)> into)
    {
        if (schema.Get(keyword) is not JsonNode node)
        {
            return;
        }

        if (node is not JsonArrayNode array)
        {
            Report(DiagnosticTexts.InvalidStructure, node.Range, keyword + " must be an array of objects");
            return;
        }

        foreach (var item in array.Items)
        {
            if (item is JsonObjectNode o)
            {
                into.Add((o, schema));
            }
            else
            {
                Report(DiagnosticTexts.InvalidStructure, item.Range, keyword + " must be an array of objects");
            }
        }
    }

    private PropertySpec? BuildProperty(JsonMember member, bool isRequired)
    {
        if (member.Value is not JsonObjectNode schema)
        {
            Report(DiagnosticTexts.UnsupportedType, member.Value.Range, Describe(member.Value), "property '" + member.Key + "' must be described by an object schema");
            return null;
        }

        ValidateKeywords(schema);
        var csName = StringValue(schema, "x-property-name") ?? PascalCase(member.Key);
        if (!CheckIdentifier(csName, member.KeyRange))
        {
            return null;
        }

        var description = StringValue(schema, "description") ?? StringValue(schema, "title") ?? "The " + member.Key + " field.";
        var roleText = StringValue(schema, "x-role");
        var role = roleText switch
        {
            null => PropertyRole.None,
            "variation-id" => PropertyRole.VariationId,
            "variation-name" => PropertyRole.VariationName,
            "date" => PropertyRole.Date,
            "days" => PropertyRole.Days,
            "channels" => PropertyRole.Channels,
            "status" => PropertyRole.Status,
            _ => (PropertyRole?)null,
        };
        if (role is null)
        {
            Report(DiagnosticTexts.InvalidStructure, schema.Find("x-role")!.Value.Range, "unknown x-role '" + roleText + "' (expected variation-id, variation-name, date, days, channels or status)");
            return null;
        }

        ReportMisplacedConventions(schema, false, role);
        if (role == PropertyRole.Status)
        {
            ReadConvention(schema, "x-success", ref _success);
        }
        else if (role == PropertyRole.VariationName)
        {
            ReadConvention(schema, "x-control-name", ref _controlName);
        }

        if (schema.Get("$ref") is JsonStringNode)
        {
            var target = ResolveRef(schema);
            if (target is null)
            {
                return null;
            }

            var typeName = BuildTarget(target.Value);
            var defRole = StringValue(target.Value.Node, "x-role") == "channels" ? PropertyRole.Channels : role.Value;
            return new PropertySpec(member.Key, csName, ValueKind.Object, typeName, isRequired, description, defRole);
        }

        var typeNode = schema.Get("type");
        if (typeNode is not JsonStringNode typeString)
        {
            if (typeNode is JsonArrayNode)
            {
                return null; // a union type, already reported by ValidateKeywords
            }

            Report(DiagnosticTexts.UnsupportedType, typeNode?.Range ?? member.KeyRange, typeNode is null ? "(none)" : Describe(typeNode), "property '" + member.Key + "' needs a single \"type\" or a \"$ref\"");
            return null;
        }

        switch (typeString.Value)
        {
            case "object":
                return BuildMap(member, schema, csName, isRequired, description, role.Value);
            case "integer":
                return new PropertySpec(member.Key, csName, ValueKind.Int64, null, isRequired, description, role.Value, Minimum(schema));
            case "number":
                return new PropertySpec(member.Key, csName, ValueKind.Double, null, isRequired, description, role.Value);
            case "boolean":
                return new PropertySpec(member.Key, csName, ValueKind.Boolean, null, isRequired, description, role.Value);
            case "string":
                var kind = StringValue(schema, "format") == "date" ? ValueKind.LocalDate : ValueKind.String;
                return new PropertySpec(member.Key, csName, kind, null, isRequired, description, role.Value);
            case "array":
                if (schema.Get("items") is JsonObjectNode items && items.Get("$ref") is JsonStringNode)
                {
                    ValidateKeywords(items);
                    var target = ResolveRef(items);
                    if (target is null)
                    {
                        return null;
                    }

                    var element = BuildTarget(target.Value);
                    return new PropertySpec(member.Key, csName, ValueKind.ObjectArray, element, isRequired, description, role.Value);
                }

                if (schema.Get("items") is JsonObjectNode stringItems && stringItems.Get("type") is JsonStringNode { Value: "string" } && stringItems.Get("format") is null)
                {
                    ValidateKeywords(stringItems);
                    return new PropertySpec(member.Key, csName, ValueKind.StringArray, null, isRequired, description, role.Value);
                }

                Report(DiagnosticTexts.UnsupportedType, typeString.Range, "\"array\"", "property '" + member.Key + "' must have \"items\" that $ref an object definition or are {\"type\": \"string\"}");
                return null;
            default:
                Report(DiagnosticTexts.UnsupportedType, typeString.Range, "\"" + typeString.Value + "\"", "property '" + member.Key + "' must be integer, number, string, boolean, an array of a $ref or of strings, a map (an object whose additionalProperties $ref a definition), or a $ref");
                return null;
        }
    }

    private string BuildDefinition(string defName, JsonObjectNode node)
    {
        if (_builtDefs.TryGetValue(defName, out var built))
        {
            return built;
        }

        if (!_building.Add(defName))
        {
            Report(DiagnosticTexts.InvalidStructure, node.Range, "the definition '" + defName + "' refers to itself; recursive models are not supported");
            return StringValue(node, "x-type-name") ?? PascalCase(defName);
        }

        var name = BuildObjectType(node, PascalCase(defName), TypeRole.Plain);
        _building.Remove(defName);
        _builtDefs[defName] = name;
        return name;
    }

    private (string Name, JsonObjectNode Node, bool External)? ResolveRef(JsonObjectNode schema)
    {
        var refNode = (JsonStringNode)schema.Get("$ref")!;
        const string Prefix = "#/$defs/";
        var hash = refNode.Value.IndexOf('#');
        if (hash > 0)
        {
            return ResolveExternalRef(refNode, refNode.Value.Substring(0, hash), refNode.Value.Substring(hash));
        }

        if (refNode.Value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var name = refNode.Value.Substring(Prefix.Length);
            if (_defs.TryGetValue(name, out var def))
            {
                return (name, def, false);
            }
        }

        Report(DiagnosticTexts.MissingReference, refNode.Range, refNode.Value, string.Empty);
        return null;
    }

    /// <summary>The type a resolved $ref names: built here for a definition of this file, named only (its owner emits it) for another file's.</summary>
    private string BuildTarget((string Name, JsonObjectNode Node, bool External) target)
    {
        if (!target.External)
        {
            return BuildDefinition(target.Name, target.Node);
        }

        var typeName = StringValue(target.Node, "x-type-name") ?? PascalCase(target.Name);
        if (_typeNames.TryGetValue(typeName, out var range))
        {
            Report(DiagnosticTexts.InvalidIdentifier, range, typeName, "another schema file's definition, referred to here, generates a type with this name");
        }

        return typeName;
    }

    // ---------------------------------------------------------------- $refs to other schema files

    /// <summary>
    /// A <c>$ref</c> of the form <c>other.schema.json#/$defs/name</c>: the file is found among the schema files
    /// (AdditionalFiles) by its path relative to this file, must share this file's namespace (its types are named, not
    /// emitted, here) and must not refer back to this file, directly or through others.
    /// </summary>
    private (string Name, JsonObjectNode Node, bool External)? ResolveExternalRef(JsonStringNode refNode, string file, string pointer)
    {
        const string Prefix = "#/$defs/";
        var target = ResolveFile(_path, file);
        var document = target is null ? null : FindDocument(target);
        if (document is null)
        {
            Report(DiagnosticTexts.MissingReference, refNode.Range, refNode.Value, " (no schema file '" + file + "' next to this one: at build time it must be among the AdditionalFiles)");
            return null;
        }

        if (SamePath(document.Path, _path))
        {
            Report(DiagnosticTexts.MissingReference, refNode.Range, refNode.Value, " (a definition of this file is named \"" + pointer + "\", without the file name)");
            return null;
        }

        var root = OtherRoot(document);
        var name = pointer.StartsWith(Prefix, StringComparison.Ordinal) ? pointer.Substring(Prefix.Length) : null;
        if (root is null || name is null || !((root.Get("$defs") as JsonObjectNode)?.Get(name) is JsonObjectNode def))
        {
            Report(DiagnosticTexts.MissingReference, refNode.Range, refNode.Value, root is null ? " (the file '" + file + "' is not a valid JSON schema)" : string.Empty);
            return null;
        }

        var otherNamespace = document.FileNamespace ?? StringValue(root, "x-namespace") ?? _projectNamespace ?? DefaultNamespace;
        if (!string.Equals(otherNamespace, _namespace, StringComparison.Ordinal))
        {
            Report(DiagnosticTexts.InvalidStructure, refNode.Range, "the $ref '" + refNode.Value + "' names a type of the namespace '" + otherNamespace + "', but this file generates into '" + _namespace + "': files that share definitions must share a namespace");
            return null;
        }

        var cycle = FindCycle(document.Path);
        if (cycle is not null)
        {
            Report(DiagnosticTexts.InvalidStructure, refNode.Range, "the $ref '" + refNode.Value + "' closes a cycle of schema files (" + cycle + "): put the definitions both sides need into one file that refers to neither");
            return null;
        }

        _externalTypes[StringValue(def, "x-type-name") ?? PascalCase(name)] = document.Path;
        return (name, def, true);
    }

    /// <summary>Builds the definitions of this file that other schema files $ref (their owner emits them, even when this file's root does not use them).</summary>
    private void BuildDefinitionsOtherFilesUse()
    {
        foreach (var document in _documents)
        {
            if (SamePath(document.Path, _path) || OtherRoot(document) is not { } root)
            {
                continue;
            }

            foreach (var (file, pointer) in FileRefs(root))
            {
                const string Prefix = "#/$defs/";
                if (ResolveFile(document.Path, file) is { } target && SamePath(target, _path)
                    && pointer.StartsWith(Prefix, StringComparison.Ordinal)
                    && _defs.TryGetValue(pointer.Substring(Prefix.Length), out var def))
                {
                    BuildDefinition(pointer.Substring(Prefix.Length), def);
                }
            }
        }
    }

    /// <summary>The path of files from <paramref name="start"/> back to this file through cross-file $refs (" → "-joined names), or null when there is none.</summary>
    private string? FindCycle(string start)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [start] = null };
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            var document = FindDocument(current);
            if (document is null || OtherRoot(document) is not { } root)
            {
                continue;
            }

            foreach (var (file, _) in FileRefs(root))
            {
                if (ResolveFile(current, file) is not { } next || FindDocument(next) is not { } nextDocument || previous.ContainsKey(nextDocument.Path))
                {
                    continue;
                }

                previous[nextDocument.Path] = current;
                if (SamePath(nextDocument.Path, _path))
                {
                    var names = new List<string>();
                    for (string? at = nextDocument.Path; at is not null; at = previous[at])
                    {
                        names.Add(Path.GetFileName(at));
                    }

                    names.Reverse();
                    names.Insert(0, Path.GetFileName(_path));
                    return string.Join(" → ", names);
                }

                queue.Enqueue(nextDocument.Path);
            }
        }

        return null;
    }

    /// <summary>Every cross-file $ref in a schema: the file part and the pointer (from '#').</summary>
    private static IEnumerable<(string File, string Pointer)> FileRefs(JsonNode node)
    {
        switch (node)
        {
            case JsonObjectNode o:
                foreach (var member in o.Members)
                {
                    if (member.Key == "$ref" && member.Value is JsonStringNode s && s.Value.IndexOf('#') > 0)
                    {
                        var hash = s.Value.IndexOf('#');
                        yield return (s.Value.Substring(0, hash), s.Value.Substring(hash));
                    }

                    foreach (var inner in FileRefs(member.Value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArrayNode a:
                foreach (var item in a.Items)
                {
                    foreach (var inner in FileRefs(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private JsonObjectNode? OtherRoot(SchemaDocument document)
    {
        if (!_otherRoots.TryGetValue(document.Path, out var root))
        {
            try
            {
                root = document.Text is null ? null : SchemaJsonParser.Parse(document.Text, out _) as JsonObjectNode;
            }
            catch (JsonSyntaxException)
            {
                root = null; // its own parse reports it
            }

            _otherRoots[document.Path] = root;
        }

        return root;
    }

    private SchemaDocument? FindDocument(string path)
    {
        foreach (var document in _documents)
        {
            if (SamePath(document.Path, path))
            {
                return document;
            }
        }

        return null;
    }

    /// <summary>A $ref's file part (a relative path with '/' separators) resolved against the referring file's folder; null when it is not a plain relative path.</summary>
    private static string? ResolveFile(string from, string file)
    {
        if (file.Length == 0 || file.IndexOf(':') >= 0 || file.StartsWith("/", StringComparison.Ordinal) || file.StartsWith("\\", StringComparison.Ordinal))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(from) ?? string.Empty;
        return Normalize(Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar)));
    }

    private static bool SamePath(string left, string right) => string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);

    /// <summary>A path with '.' and '..' segments resolved and one kind of separator, without touching the file system.</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        var rooted = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal);
        foreach (var part in path.Split('/', '\\'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return (rooted ? "/" : string.Empty) + string.Join("/", parts);
    }

    /// <summary>
    /// A property that is a map keyed by id: <c>{"type": "object", "additionalProperties": {"$ref": ...}}</c> and nothing
    /// that declares members (no properties, patternProperties or required), read and written keys in document order.
    /// </summary>
    private PropertySpec? BuildMap(JsonMember member, JsonObjectNode schema, string csName, bool isRequired, string description, PropertyRole role)
    {
        foreach (var keyword in new[] { "properties", "patternProperties", "required", "allOf" })
        {
            if (schema.Find(keyword) is JsonMember declared)
            {
                Report(DiagnosticTexts.InvalidStructure, declared.KeyRange, "the object property '" + member.Key + "' is a map keyed by id: it takes \"additionalProperties\" with a $ref and no \"" + keyword + "\" (give the value's shape a definition of its own)");
                return null;
            }
        }

        if (!(schema.Get("additionalProperties") is JsonObjectNode values) || !(values.Get("$ref") is JsonStringNode))
        {
            Report(DiagnosticTexts.UnsupportedType, schema.Find("additionalProperties")?.Value.Range ?? member.KeyRange, "\"object\"", "the map property '" + member.Key + "' needs \"additionalProperties\": {\"$ref\": \"#/$defs/...\"} naming the shape of its values");
            return null;
        }

        if (role != PropertyRole.None)
        {
            Report(DiagnosticTexts.InvalidStructure, schema.Find("x-role")!.Value.Range, "the map property '" + member.Key + "' cannot have an x-role");
            return null;
        }

        ValidateKeywords(values);
        var target = ResolveRef(values);
        return target is null ? null : new PropertySpec(member.Key, csName, ValueKind.ObjectMap, BuildTarget(target.Value), isRequired, description, role);
    }

    private PatternGroupSpec? BuildPatternGroup(JsonMember member)
    {
        var pattern = member.Key;
        var star = pattern.IndexOf(".*", StringComparison.Ordinal);
        if (!pattern.StartsWith("^", StringComparison.Ordinal) || !pattern.EndsWith("$", StringComparison.Ordinal) || star < 0)
        {
            Report(DiagnosticTexts.UnsupportedKeyword, member.KeyRange, "patternProperties", " (patterns must have the form ^prefix.*suffix$ with literal prefix and suffix; '" + pattern + "' does not)");
            return null;
        }

        var prefix = pattern.Substring(1, star - 1);
        var suffix = pattern.Substring(star + 2, pattern.Length - star - 3);
        if (prefix.Length == 0 || prefix.IndexOfAny(RegexSpecials) >= 0 || suffix.IndexOfAny(RegexSpecials) >= 0)
        {
            Report(DiagnosticTexts.UnsupportedKeyword, member.KeyRange, "patternProperties", " (patterns must have the form ^prefix.*suffix$ with a non-empty literal prefix; '" + pattern + "' does not)");
            return null;
        }

        if (member.Value is not JsonObjectNode schema)
        {
            Report(DiagnosticTexts.UnsupportedType, member.Value.Range, Describe(member.Value), "a pattern property must be described by an object schema");
            return null;
        }

        ValidateKeywords(schema);
        if (!(schema.Get("type") is JsonStringNode { Value: "integer" }))
        {
            Report(DiagnosticTexts.UnsupportedType, schema.Get("type")?.Range ?? member.KeyRange, schema.Get("type") is JsonNode t ? Describe(t) : "(none)", "pattern properties must be integer counts");
            return null;
        }

        var csName = StringValue(schema, "x-property-name");
        if (csName is null)
        {
            Report(DiagnosticTexts.InvalidStructure, member.KeyRange, "the pattern property '" + pattern + "' needs \"x-property-name\" to name its map");
            return null;
        }

        if (!CheckIdentifier(csName, schema.Find("x-property-name")!.Value.Range))
        {
            return null;
        }

        return new PatternGroupSpec(pattern, prefix, suffix, csName, StringValue(schema, "description") ?? "Counts of fields matching " + pattern + ".", Minimum(schema));
    }

    /// <summary>
    /// An integer's <c>minimum</c> (the readers reject smaller values, and a minus sign at all when it is 0 or more,
    /// so <c>-0</c> is not a count); null when there is none, or after reporting one that is not a 64-bit integer
    /// (the property is kept, so one mistake gives one diagnostic).
    /// </summary>
    private long? Minimum(JsonObjectNode schema)
    {
        if (schema.Get("minimum") is not JsonNode node)
        {
            return null;
        }

        if (node is JsonNumberNode number && long.TryParse(number.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(DiagnosticTexts.InvalidStructure, node.Range, "\"minimum\" of an integer must be a whole number (found " + Describe(node) + ")");
        return null;
    }

    /// <summary>
    /// CAG009 at the value that names a metric the shape cannot count: a field of another type ("is not an integer
    /// count") or no field at all, listing the shape's counts so the fix is in the message.
    /// </summary>
    private void ReportMetric(SourceRange range, string owner, string metric, string typeName, IReadOnlyList<PropertySpec> properties, Dictionary<string, bool> numeric)
    {
        var counts = numeric.Where(m => !m.Value).Select(m => m.Key).ToList();
        var listed = counts.Count == 0
            ? "it has no counts"
            : "its counts: " + string.Join(", ", counts.Take(12)) + (counts.Count > 12 ? ", …" : string.Empty);
        var field = properties.FirstOrDefault(p => p.JsonName == metric);
        Report(DiagnosticTexts.UnknownMetric, range, field is not null
            ? "'" + owner + "' names '" + metric + "', which is not an integer count of the shape '" + typeName + "' (it is " + KindName(field.Kind) + "); " + listed
            : "'" + owner + "' names the metric '" + metric + "', which the shape '" + typeName + "' does not have; " + listed);
    }

    private static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Double => "an amount",
        ValueKind.String => "a string",
        ValueKind.Boolean => "a boolean",
        ValueKind.LocalDate => "a date",
        _ => "an object",
    };

    private static readonly char[] RegexSpecials = { '\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}' };

    private List<DerivedSpec> BuildDerived(Shape shape, Dictionary<string, bool> numeric, string typeName, IReadOnlyList<PropertySpec> properties)
    {
        var result = new List<DerivedSpec>();
        foreach (var (node, _) in shape.Derived)
        {
            var name = StringValue(node, "name");
            var firstOf = node.Get("firstOf") as JsonArrayNode;
            if (name is null || firstOf is null || firstOf.Items.Count == 0)
            {
                Report(DiagnosticTexts.InvalidStructure, node.Range, "an x-derived entry needs \"name\" and a non-empty \"firstOf\" array of expressions");
                continue;
            }

            if (numeric.ContainsKey(name))
            {
                Report(DiagnosticTexts.InvalidStructure, node.Range, "the derived metric '" + name + "' has the name of a property");
                continue;
            }

            var alternatives = new List<AlternativeSpec>();
            var isAmount = false;
            foreach (var item in firstOf.Items)
            {
                if (item is not JsonStringNode expression)
                {
                    Report(DiagnosticTexts.InvalidStructure, item.Range, "firstOf entries must be strings such as \"sent - bounces\"");
                    continue;
                }

                var terms = new List<TermSpec>();
                var negative = false;
                var tokens = expression.Value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                var expectOperand = true;
                foreach (var token in tokens)
                {
                    if (expectOperand)
                    {
                        if (!numeric.TryGetValue(token, out var isDouble))
                        {
                            ReportMetric(expression.Range, name, token, typeName, properties, numeric);
                        }

                        isAmount |= isDouble;
                        terms.Add(new TermSpec(negative, token));
                        expectOperand = false;
                    }
                    else if (token is "+" or "-")
                    {
                        negative = token == "-";
                        expectOperand = true;
                    }
                    else
                    {
                        Report(DiagnosticTexts.InvalidStructure, expression.Range, "cannot read the expression '" + expression.Value + "': write metrics separated by ' + ' or ' - '");
                        break;
                    }
                }

                if (expectOperand)
                {
                    Report(DiagnosticTexts.InvalidStructure, expression.Range, "the expression '" + expression.Value + "' is incomplete");
                }

                alternatives.Add(new AlternativeSpec(terms.ToEquatableArray(), expression.Value));
            }

            result.Add(new DerivedSpec(name, StringValue(node, "description") ?? name, isAmount, alternatives.ToEquatableArray()));
            numeric[name] = isAmount;
        }

        return result;
    }

    private List<RateSpec> BuildRates(Shape shape, Dictionary<string, bool> numeric, string typeName, IReadOnlyList<PropertySpec> properties)
    {
        var result = new List<RateSpec>();
        foreach (var (node, _) in shape.Rates)
        {
            var name = StringValue(node, "name");
            var numerator = StringValue(node, "numerator");
            var denominator = StringValue(node, "denominator");
            if (name is null || numerator is null || denominator is null)
            {
                Report(DiagnosticTexts.InvalidStructure, node.Range, "an x-rates entry needs \"name\", \"numerator\" and \"denominator\" strings");
                continue;
            }

            foreach (var (metric, role) in new[] { (numerator, "numerator"), (denominator, "denominator") })
            {
                if (!numeric.ContainsKey(metric))
                {
                    ReportMetric(node.Find(role)?.Value.Range ?? node.Range, name, metric, typeName, properties, numeric);
                }
            }

            var proportion = node.Get("proportion");
            if (proportion is not null and not JsonLiteralNode { Text: "true" or "false" })
            {
                Report(DiagnosticTexts.InvalidStructure, proportion.Range, "\"proportion\" of x-rates entry '" + name + "' must be true or false");
                continue;
            }

            var guardrail = node.Get("guardrail");
            var direction = StringValue(node, "guardrail");
            if (guardrail is not null && direction is not ("lower-is-better" or "higher-is-better"))
            {
                Report(DiagnosticTexts.InvalidStructure, guardrail.Range, "\"guardrail\" of x-rates entry '" + name + "' must be \"lower-is-better\" or \"higher-is-better\"");
                continue;
            }

            var isProportion = proportion is not JsonLiteralNode { Text: "false" };
            var rate = new RateSpec(name, numerator, denominator, StringValue(node, "description") ?? name, isProportion, direction);
            var existing = result.FindIndex(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing >= 0)
            {
                result[existing] = rate; // a shape refines a rate it inherits
            }
            else
            {
                result.Add(rate);
            }
        }

        return result;
    }

    // ---------------------------------------------------------------- checks and helpers

    private void ValidateKeywords(JsonObjectNode schema)
    {
        foreach (var member in schema.Members)
        {
            if (!KnownKeywords.Contains(member.Key))
            {
                Report(DiagnosticTexts.UnsupportedKeyword, member.KeyRange, member.Key, string.Empty);
            }
        }

        if (schema.Get("type") is JsonArrayNode typeArray)
        {
            Report(DiagnosticTexts.UnsupportedType, typeArray.Range, Describe(typeArray), "union types are not supported; give one type");
        }
    }

    private bool CheckIdentifier(string name, SourceRange range)
    {
        if (!Identifiers.IsIdentifier(name))
        {
            Report(DiagnosticTexts.InvalidIdentifier, range, name, "it is not a valid identifier (set x-property-name or x-type-name)");
            return false;
        }

        if (Identifiers.IsReservedWord(name))
        {
            Report(DiagnosticTexts.InvalidIdentifier, range, name, "it is a C# keyword");
            return false;
        }

        return true;
    }

    /// <summary>
    /// A type name must be an identifier that starts with an upper-case letter: an all-lower-case one such as
    /// <c>line</c> is CS8981 in generated code (an error under warnings-as-errors), and PascalCase is the convention.
    /// </summary>
    private bool CheckTypeName(string name, SourceRange range)
    {
        if (!CheckIdentifier(name, range))
        {
            return false;
        }

        if (!char.IsUpper(name[0]))
        {
            Report(DiagnosticTexts.InvalidIdentifier, range, name, "a type name must start with an upper-case letter (PascalCase, e.g. '" + PascalCase(name) + "')");
            return false;
        }

        return true;
    }

    private static bool IsValidNamespace(string ns) => Identifiers.IsNamespace(ns);

    private static string PascalCase(string name) => Identifiers.PascalCase(name);

    private static string? StringValue(JsonObjectNode node, string key) => (node.Get(key) as JsonStringNode)?.Value;

    private static string Describe(JsonNode node) => node switch
    {
        JsonStringNode s => "\"" + s.Value + "\"",
        JsonNumberNode n => n.Text,
        JsonLiteralNode l => l.Text,
        _ => node.KindName,
    };

    private static EquatableArray<EquatableString> Args(params string[] args) =>
        args.Select(a => new EquatableString(a)).ToEquatableArray();

    private void Report(DiagnosticKind kind, SourceRange range, params string[] args) =>
        _diagnostics.Add(new DiagnosticInfo(kind, Locate(range), Args(args)));

    private LocationInfo Locate(SourceRange range)
    {
        _lineStarts ??= ComputeLineStarts(_text);
        var end = Math.Max(range.Start, range.End);
        var endLine = Array.BinarySearch(_lineStarts, end);
        if (endLine < 0)
        {
            endLine = ~endLine - 1;
        }

        return new LocationInfo(_path, range.Start, end - range.Start, range.Line, range.Column, endLine, end - _lineStarts[endLine]);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
