using System.Globalization;
using CampaignAnalytics.Generators.Model;

namespace CampaignAnalytics.Generators.Diagnostics;

/// <summary>
/// The title and message format of every diagnostic, without Roslyn: the generator makes its descriptors from them
/// (<c>DiagnosticDescriptors</c>), and the runtime library, which parses schemas at run time with the same
/// parser, words the same diagnostics as errors from them.
/// </summary>
internal static class DiagnosticTexts
{
    /// <summary>The id reported for a failure of the parser itself.</summary>
    public const string InternalErrorId = "CAG010";

    /// <summary>The title and message format (placeholders <c>{0}</c>, <c>{1}</c>) of an id; unknown ids get the internal error's.</summary>
    public static (string Title, string Format) ById(string id) => id switch
    {
        "CAG001" => ("Schema is not valid JSON", "The schema file is not valid JSON: {0}"),
        "CAG002" => ("Unsupported schema keyword", "The keyword '{0}' is not supported by the generator{1}"),
        "CAG003" => ("Unsupported schema type", "The type {0} is not supported here: {1}"),
        "CAG004" => ("$ref to a missing definition", "The $ref '{0}' points to a definition that does not exist{1}"),
        "CAG005" => ("Duplicate property", "The key '{0}' appears twice in the same object"),
        "CAG006" => ("Name cannot become a C# identifier", "The name '{0}' cannot become a C# identifier: {1}"),
        "CAG007" => ("Two schema files emit the same type", "The type '{0}' is emitted by more than one schema file (also by '{1}')"),
        "CAG008" => ("Schema structure does not fit the data-series model", "{0}"),
        "CAG009" => ("Rate or derived metric names an unknown metric", "{0}"),
        "CAG011" => ("Schema in the package's own namespace", "The namespace '{0}' already holds the models of the referenced CampaignAnalytics package, so every generated type would clash with one of its own (CS0436); give this schema its own \"x-namespace\", e.g. \"Contoso.Analytics.Models\""),
        _ => ("The generator failed on this schema", "The generator could not process this schema: {0}"),
    };

    /// <summary>The diagnostic's message, its arguments put in the format (invariant culture, as the compiler formats them).</summary>
    public static string Message(DiagnosticInfo diagnostic)
    {
        var args = new object[diagnostic.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = diagnostic.Arguments[i].Value;
        }

        return string.Format(CultureInfo.InvariantCulture, ById(diagnostic.Id).Format, args);
    }
}
