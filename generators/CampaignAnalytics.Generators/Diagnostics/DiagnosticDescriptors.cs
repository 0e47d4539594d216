using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Generators.Model;
using Microsoft.CodeAnalysis;

namespace CampaignAnalytics.Generators.Diagnostics;

/// <summary>Every diagnostic the generator reports; ids are tracked in AnalyzerReleases.*.md, texts in <see cref="DiagnosticTexts"/>.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "CampaignAnalytics.Schema";

    public static readonly DiagnosticDescriptor InvalidJson = Create("CAG001", DiagnosticTexts.InvalidJson);
    public static readonly DiagnosticDescriptor UnsupportedKeyword = Create("CAG002", DiagnosticTexts.UnsupportedKeyword);
    public static readonly DiagnosticDescriptor UnsupportedType = Create("CAG003", DiagnosticTexts.UnsupportedType);
    public static readonly DiagnosticDescriptor MissingReference = Create("CAG004", DiagnosticTexts.MissingReference);
    public static readonly DiagnosticDescriptor DuplicateProperty = Create("CAG005", DiagnosticTexts.DuplicateProperty);
    public static readonly DiagnosticDescriptor InvalidIdentifier = Create("CAG006", DiagnosticTexts.InvalidIdentifier);
    public static readonly DiagnosticDescriptor DuplicateType = Create("CAG007", DiagnosticTexts.DuplicateType);
    public static readonly DiagnosticDescriptor InvalidStructure = Create("CAG008", DiagnosticTexts.InvalidStructure);
    public static readonly DiagnosticDescriptor UnknownMetric = Create("CAG009", DiagnosticTexts.UnknownMetric);
    public static readonly DiagnosticDescriptor PackageNamespace = Create("CAG011", DiagnosticTexts.PackageNamespace);
    public static readonly DiagnosticDescriptor MisusedConvention = Create("CAG012", DiagnosticTexts.MisusedConvention);
    public static readonly DiagnosticDescriptor UnknownDefaultRate = Create("CAG013", DiagnosticTexts.UnknownDefaultRate);

    public static readonly DiagnosticDescriptor InternalError = Create("CAG010", DiagnosticTexts.InternalError);

    // Declared after the descriptors: static fields initialise in text order.
    private static readonly Dictionary<DiagnosticKind, DiagnosticDescriptor> s_byKind = new[]
    {
        InvalidJson, UnsupportedKeyword, UnsupportedType, MissingReference, DuplicateProperty, InvalidIdentifier, DuplicateType,
        InvalidStructure, UnknownMetric, InternalError, PackageNamespace, MisusedConvention, UnknownDefaultRate,
    }.ToDictionary(d => DiagnosticTexts.All.Single(k => k.Id == d.Id));

    /// <summary>The Roslyn descriptor of a diagnostic kind; a kind without one is a bug of ours and throws (never a silent fallback).</summary>
    public static DiagnosticDescriptor For(DiagnosticKind kind) =>
        s_byKind.TryGetValue(kind, out var descriptor)
            ? descriptor
            : throw new KeyNotFoundException("No Roslyn descriptor for the diagnostic " + kind.Id + ".");

    // The id is spelled out for the release-tracking analyzer (RS2002), and must be the kind's.
    private static DiagnosticDescriptor Create(string id, DiagnosticKind kind) => id == kind.Id
        ? new DiagnosticDescriptor(id, kind.Title, kind.Format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true)
        : throw new System.InvalidOperationException("The descriptor " + id + " is made from the texts of " + kind.Id + ".");
}
