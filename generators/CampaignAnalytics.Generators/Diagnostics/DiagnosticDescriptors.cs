using Microsoft.CodeAnalysis;

namespace CampaignAnalytics.Generators.Diagnostics;

/// <summary>Every diagnostic the generator reports; ids are tracked in AnalyzerReleases.*.md, texts in <see cref="DiagnosticTexts"/>.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "CampaignAnalytics.Schema";

    public static readonly DiagnosticDescriptor InvalidJson = Create("CAG001");
    public static readonly DiagnosticDescriptor UnsupportedKeyword = Create("CAG002");
    public static readonly DiagnosticDescriptor UnsupportedType = Create("CAG003");
    public static readonly DiagnosticDescriptor MissingReference = Create("CAG004");
    public static readonly DiagnosticDescriptor DuplicateProperty = Create("CAG005");
    public static readonly DiagnosticDescriptor InvalidIdentifier = Create("CAG006");
    public static readonly DiagnosticDescriptor DuplicateType = Create("CAG007");
    public static readonly DiagnosticDescriptor InvalidStructure = Create("CAG008");
    public static readonly DiagnosticDescriptor UnknownMetric = Create("CAG009");
    public static readonly DiagnosticDescriptor PackageNamespace = Create("CAG011");

    public static readonly DiagnosticDescriptor InternalError = Create(DiagnosticTexts.InternalErrorId);

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

    private static DiagnosticDescriptor Create(string id)
    {
        var (title, format) = DiagnosticTexts.ById(id);
        return new DiagnosticDescriptor(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
