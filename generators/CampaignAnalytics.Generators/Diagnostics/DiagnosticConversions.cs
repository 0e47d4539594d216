using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using CampaignAnalytics.Generators.Model;

namespace CampaignAnalytics.Generators.Diagnostics;

/// <summary>Turns the parser's plain-data diagnostics into Roslyn's, when the generator reports them (the model itself stays free of Roslyn).</summary>
internal static class DiagnosticConversions
{
    public static Location ToLocation(this LocationInfo location) => Location.Create(
        location.FilePath,
        new TextSpan(location.Start, location.Length),
        new LinePositionSpan(new LinePosition(location.Line, location.Column), new LinePosition(location.EndLine, location.EndColumn)));

    public static Diagnostic ToDiagnostic(this DiagnosticInfo diagnostic)
    {
        var descriptor = DiagnosticDescriptors.For(diagnostic.Kind);
        var args = new object[diagnostic.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = diagnostic.Arguments[i].Value;
        }

        return Diagnostic.Create(descriptor, diagnostic.Location?.ToLocation() ?? Location.None, args);
    }
}
