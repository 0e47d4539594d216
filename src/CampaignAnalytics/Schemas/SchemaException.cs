using System;
using System.Collections.Generic;
using System.Globalization;

namespace CampaignAnalytics.Schemas;

/// <summary>
/// One problem of a schema file, as the source generator reports it at build time (the same parser finds it): the
/// diagnostic id (<c>CAG001</c>–<c>CAG010</c>), where it is and what is wrong.
/// </summary>
/// <param name="Id">The diagnostic id, e.g. <c>CAG009</c> (the README lists them).</param>
/// <param name="FilePath">The schema file's path as given.</param>
/// <param name="Line">The 1-based line of the problem.</param>
/// <param name="Column">The 1-based column (UTF-16 code units) of the problem.</param>
/// <param name="Message">What is wrong, as the build would say it.</param>
public sealed record SchemaDiagnostic(string Id, string FilePath, int Line, int Column, string Message)
{
    /// <summary>The diagnostic the way compilers locate errors: <c>file:line:column: CAG009: message</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{FilePath}:{Line}:{Column}: {Id}: {Message}");
}

/// <summary>
/// A schema file that cannot become a catalogue: what the source generator would report as build errors. The message
/// is the first problem, located (<c>file:line:column: CAG009: …</c>), and says how many more there are.
/// </summary>
public sealed class CampaignSchemaException : Exception
{
    /// <summary>Creates the exception for a schema's diagnostics.</summary>
    /// <param name="diagnostics">Every problem found, in the order the parser finds them. Invalid: empty.</param>
    public CampaignSchemaException(IReadOnlyList<SchemaDiagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, in the order the parser finds them.</summary>
    public IReadOnlyList<SchemaDiagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<SchemaDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (diagnostics.Count == 0)
        {
            throw new ArgumentException("A schema exception needs at least one diagnostic.", nameof(diagnostics));
        }

        var more = diagnostics.Count - 1;
        return diagnostics[0] + (more == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (and {more} more {(more == 1 ? "problem" : "problems")})"));
    }
}
