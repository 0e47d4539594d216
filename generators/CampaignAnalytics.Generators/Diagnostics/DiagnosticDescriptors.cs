using Microsoft.CodeAnalysis;

namespace CampaignAnalytics.Generators.Diagnostics;

/// <summary>Every diagnostic the generator reports; ids are tracked in AnalyzerReleases.*.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "CampaignAnalytics.Schema";

    public static readonly DiagnosticDescriptor InvalidJson = Create("CAG001", "Schema is not valid JSON", "The schema file is not valid JSON: {0}");
    public static readonly DiagnosticDescriptor UnsupportedKeyword = Create("CAG002", "Unsupported schema keyword", "The keyword '{0}' is not supported by the generator{1}");
    public static readonly DiagnosticDescriptor UnsupportedType = Create("CAG003", "Unsupported schema type", "The type {0} is not supported here: {1}");
    public static readonly DiagnosticDescriptor MissingReference = Create("CAG004", "$ref to a missing definition", "The $ref '{0}' points to a definition that does not exist");
    public static readonly DiagnosticDescriptor DuplicateProperty = Create("CAG005", "Duplicate property", "The key '{0}' appears twice in the same object");
    public static readonly DiagnosticDescriptor InvalidIdentifier = Create("CAG006", "Name cannot become a C# identifier", "The name '{0}' cannot become a C# identifier: {1}");
    public static readonly DiagnosticDescriptor DuplicateType = Create("CAG007", "Two schema files emit the same type", "The type '{0}' is emitted by more than one schema file (also by '{1}')");
    public static readonly DiagnosticDescriptor InvalidStructure = Create("CAG008", "Schema structure does not fit the data-series model", "{0}");
    public static readonly DiagnosticDescriptor UnknownMetric = Create("CAG009", "Rate or derived metric names an unknown metric", "{0}");

    public static readonly DiagnosticDescriptor PackageNamespace = Create("CAG011", "Schema in the package's own namespace", "The namespace '{0}' already holds the models of the referenced CampaignAnalytics package, so every generated type would clash with one of its own (CS0436); give this schema its own \"x-namespace\", e.g. \"Contoso.Analytics.Models\"");
    public static readonly DiagnosticDescriptor InternalError = Create("CAG010", "The generator failed on this schema", "The generator could not process this schema: {0}");

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "CAG001" => InvalidJson,
        "CAG002" => UnsupportedKeyword,
        "CAG003" => UnsupportedType,
        "CAG004" => MissingReference,
        "CAG005" => DuplicateProperty,
        "CAG006" => InvalidIdentifier,
        "CAG007" => DuplicateType,
        "CAG008" => InvalidStructure,
        "CAG009" => UnknownMetric,
        "CAG011" => PackageNamespace,
        _ => InternalError,
    };

    private static DiagnosticDescriptor Create(string id, string title, string format) =>
        new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
