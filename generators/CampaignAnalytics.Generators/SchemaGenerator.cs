using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using CampaignAnalytics.Generators.Diagnostics;
using CampaignAnalytics.Generators.Emit;
using CampaignAnalytics.Generators.Model;
using CampaignAnalytics.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CampaignAnalytics.Generators;

/// <summary>
/// Reads every <c>*.schema.json</c> AdditionalFile and emits typed models, fast readers and writers,
/// JsonConverters and a channel catalogue. Pipeline: text → <see cref="ParseResult"/> (value-equatable)
/// → <see cref="EmitInput"/> (types claimed by other files removed) → source; diagnostics travel as data
/// and are reported from their own output.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SchemaGenerator : IIncrementalGenerator
{
    /// <summary>The MSBuild property (and per-file metadata) that sets the namespace of generated code.</summary>
    public const string NamespaceProperty = "CampaignAnalyticsNamespace";

    /// <summary>
    /// The MSBuild property the package's buildTransitive props set in every consuming project: the namespace of the
    /// package's own models, which a consumer's schema must not generate into.
    /// </summary>
    public const string PackageNamespaceProperty = "CampaignAnalyticsPackageNamespace";

    /// <summary>Tracking names of the pipeline steps, for incremental tests.</summary>
    public static class Steps
    {
        /// <summary>The schema file's path, text and namespace options.</summary>
        public const string SchemaInput = nameof(SchemaInput);

        /// <summary>Every schema file (path, text, namespace), sorted by path: what a cross-file $ref resolves against.</summary>
        public const string Documents = nameof(Documents);

        /// <summary>The parsed schema and its diagnostics.</summary>
        public const string Parsed = nameof(Parsed);

        /// <summary>Which file owns which type, over all schema files.</summary>
        public const string TypeOwners = nameof(TypeOwners);

        /// <summary>What a file emits after cross-file checks.</summary>
        public const string EmitInput = nameof(EmitInput);

        /// <summary>Diagnostics of cross-file checks.</summary>
        public const string CrossFileDiagnostics = nameof(CrossFileDiagnostics);

    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var projectNamespace = context.AnalyzerConfigOptionsProvider.Select(static (provider, _) =>
            provider.GlobalOptions.TryGetValue("build_property." + NamespaceProperty, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null);

        // Set only in projects that consume the package (its buildTransitive props), not in the library's own build.
        var packageNamespace = context.AnalyzerConfigOptionsProvider.Select(static (provider, _) =>
            provider.GlobalOptions.TryGetValue("build_property." + PackageNamespaceProperty, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null);

        var inputs = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) =>
            {
                var (file, options) = pair;
                var fileNamespace = options.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles." + NamespaceProperty, out var value) && !string.IsNullOrWhiteSpace(value)
                    ? value.Trim()
                    : null;
                return new SchemaInput(file.Path, file.GetText(cancellationToken)?.ToString(), fileNamespace);
            })
            .WithTrackingName(Steps.SchemaInput);

        // A $ref may name a definition of another schema file: every parse sees every file. An edit of one file re-runs
        // the parse of the others, whose output (types named, not copied) is then equal, so nothing after it re-runs.
        var documents = inputs
            .Select(static (input, _) => new SchemaDocument(input.Path, input.Text, input.FileNamespace))
            .Collect()
            .Select(static (all, _) => all.OrderBy(d => d.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.Documents);

        var parsed = inputs
            .Combine(projectNamespace.Combine(packageNamespace))
            .Combine(documents)
            .Select(static (triple, cancellationToken) =>
            {
                var pair = triple.Left;
                var result = SchemaParser.Parse(pair.Left.Path, pair.Left.Text, pair.Left.FileNamespace, pair.Right.Left, cancellationToken, pair.Right.Right, triple.Right);
                // The same problem found through several paths (a shared allOf base) is reported once.
                return result with { Diagnostics = result.Diagnostics.Distinct().ToEquatableArray() };
            })
            .WithTrackingName(Steps.Parsed);

        context.RegisterSourceOutput(parsed.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var owners = parsed
            .Select(static (r, _) => r.Spec is null
                ? new TypeOwnership(r.FilePath, EquatableArray<EquatableString>.Empty)
                : new TypeOwnership(r.FilePath, AllTypeNames(r.Spec).Select(n => new EquatableString(n)).ToEquatableArray()))
            .Collect()
            .Select(static (all, _) => all.OrderBy(o => o.FilePath, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(Steps.TypeOwners);

        var emitInputs = parsed
            .Where(static r => r.Spec is not null)
            .Combine(owners)
            .Select(static (pair, _) => BuildEmitInput(pair.Left.Spec!, pair.Right))
            .WithTrackingName(Steps.EmitInput);

        // Cross-file diagnostics are reported from their own output, apart from the sources.
        var crossFileDiagnostics = emitInputs
            .Select(static (input, _) => input.Diagnostics)
            .WithTrackingName(Steps.CrossFileDiagnostics);
        context.RegisterSourceOutput(crossFileDiagnostics, static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        context.RegisterSourceOutput(emitInputs.Select(static (input, _) => input.Input), static (spc, input) => EmitSources(spc, input));
    }

    private static IEnumerable<string> AllTypeNames(SchemaSpec spec) =>
        spec.Types.Select(t => spec.Namespace + "." + t.Name).Concat(spec.HasCatalogue ? new[] { spec.Namespace + "." + spec.CatalogueName } : Array.Empty<string>());

    private static (EmitInput Input, EquatableArray<DiagnosticInfo> Diagnostics) BuildEmitInputCore(SchemaSpec spec, EquatableArray<TypeOwnership> owners)
    {
        var skipped = new List<EquatableString>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var name in AllTypeNames(spec))
        {
            // The file that sorts first by path owns a contested type; the others report CAG007 and skip it.
            // Names are compared ignoring case: they become hint names, which Roslyn compares that way.
            var first = owners.FirstOrDefault(o => o.TypeNames.Any(n => string.Equals(n.Value, name, StringComparison.OrdinalIgnoreCase)));
            if (first is not null && first.FilePath != spec.FilePath)
            {
                skipped.Add(new EquatableString(name));
                diagnostics.Add(new DiagnosticInfo(DiagnosticTexts.DuplicateType, new LocationInfo(spec.FilePath, 0, 1, 0, 0, 0, 1), new[] { new EquatableString(name), new EquatableString(first.FilePath) }.ToEquatableArray()));
            }
        }

        return (new EmitInput(spec, skipped.ToEquatableArray()), diagnostics.ToEquatableArray());
    }

    private static EmitInputWithDiagnostics BuildEmitInput(SchemaSpec spec, EquatableArray<TypeOwnership> owners)
    {
        var (input, diagnostics) = BuildEmitInputCore(spec, owners);
        return new EmitInputWithDiagnostics(input, diagnostics);
    }

    private static void EmitSources(SourceProductionContext context, EmitInput input)
    {
        var spec = input.Spec;
        var skipped = new HashSet<string>(input.SkippedTypes.Select(s => s.Value), StringComparer.Ordinal);
        if (skipped.Count > 0)
        {
            // A file that lost any type to another file emits nothing: half a model set would not compile.
            return;
        }

        foreach (var type in spec.Types)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.AddSource(spec.Namespace + "." + type.Name + ".g.cs", SourceText.From(ModelEmitter.Emit(spec, type), Encoding.UTF8));
        }

        if (spec.IsSeries)
        {
            context.AddSource(spec.Namespace + "." + spec.CatalogueName + ".g.cs", SourceText.From(CatalogueEmitter.Emit(spec), Encoding.UTF8));
        }
        else if (spec.HasCatalogue)
        {
            context.AddSource(spec.Namespace + "." + spec.CatalogueName + ".g.cs", SourceText.From(ModelCatalogueEmitter.Emit(spec), Encoding.UTF8));
        }
    }

    private sealed record SchemaInput(string Path, string? Text, string? FileNamespace);

    private sealed record TypeOwnership(string FilePath, EquatableArray<EquatableString> TypeNames) : IEquatable<TypeOwnership>;

    private sealed record EmitInputWithDiagnostics(EmitInput Input, EquatableArray<DiagnosticInfo> Diagnostics);
}
