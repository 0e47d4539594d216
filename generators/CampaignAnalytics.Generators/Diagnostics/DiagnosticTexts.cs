using System.Globalization;
using CampaignAnalytics.Generators.Model;

namespace CampaignAnalytics.Generators.Diagnostics;

/// <summary>
/// Every diagnostic's descriptor without Roslyn (its id, title and message format): the generator makes its descriptors from them
/// (<c>DiagnosticDescriptors</c>), and the runtime library, which parses schemas at run time with the same
/// parser, words the same diagnostics as errors from them.
/// </summary>
internal static class DiagnosticTexts
{
    public static readonly DiagnosticKind InvalidJson = new("CAG001", "Schema is not valid JSON", "The schema file is not valid JSON: {0}");
    public static readonly DiagnosticKind UnsupportedKeyword = new("CAG002", "Unsupported schema keyword", "The keyword '{0}' is not supported by the generator{1}");
    public static readonly DiagnosticKind UnsupportedType = new("CAG003", "Unsupported schema type", "The type {0} is not supported here: {1}");
    public static readonly DiagnosticKind MissingReference = new("CAG004", "$ref to a missing definition", "The $ref '{0}' points to a definition that does not exist{1}");
    public static readonly DiagnosticKind DuplicateProperty = new("CAG005", "Duplicate property", "The key '{0}' appears twice in the same object");
    public static readonly DiagnosticKind InvalidIdentifier = new("CAG006", "Name cannot become a C# identifier", "The name '{0}' cannot become a C# identifier: {1}");
    public static readonly DiagnosticKind DuplicateType = new("CAG007", "Two schema files emit the same type", "The type '{0}' is emitted by more than one schema file (also by '{1}')");
    public static readonly DiagnosticKind InvalidStructure = new("CAG008", "Schema structure does not fit the data-series model", "{0}");
    public static readonly DiagnosticKind UnknownMetric = new("CAG009", "Rate or derived metric names an unknown metric", "{0}");

    /// <summary>A failure of the parser itself, reported on the schema instead of crashing the build.</summary>
    public static readonly DiagnosticKind InternalError = new("CAG010", "The generator failed on this schema", "The generator could not process this schema: {0}");
    public static readonly DiagnosticKind PackageNamespace = new("CAG011", "Schema in the package's own namespace", "The namespace '{0}' already holds the models of the referenced CampaignAnalytics package, so every generated type would clash with one of its own (CS0436); give this schema its own \"x-namespace\", e.g. \"Contoso.Analytics.Models\"");
    public static readonly DiagnosticKind MisusedConvention = new("CAG012", "Convention keyword misused", "{0}");
    public static readonly DiagnosticKind UnknownDefaultRate = new("CAG013", "Default rate names an unknown rate", "{0}");

    /// <summary>Every diagnostic, in id order.</summary>
    public static readonly DiagnosticKind[] All =
    {
        InvalidJson, UnsupportedKeyword, UnsupportedType, MissingReference, DuplicateProperty, InvalidIdentifier, DuplicateType,
        InvalidStructure, UnknownMetric, InternalError, PackageNamespace, MisusedConvention, UnknownDefaultRate,
    };

    /// <summary>The diagnostic's message, its arguments put in the format (invariant culture, as the compiler formats them).</summary>
    public static string Message(DiagnosticInfo diagnostic)
    {
        var args = new object[diagnostic.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = diagnostic.Arguments[i].Value;
        }

        return string.Format(CultureInfo.InvariantCulture, diagnostic.Kind.Format, args);
    }
}
