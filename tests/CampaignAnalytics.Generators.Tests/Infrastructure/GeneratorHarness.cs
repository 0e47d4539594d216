using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using CampaignAnalytics.Catalogue;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CampaignAnalytics.Generators.Tests.Infrastructure;

/// <summary>One generator run: the driver (to run again incrementally), its result and the compiler's view.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation OutputCompilation, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    public GeneratorRunResult Single => Result.Results.Single();

    /// <summary>Generated files by hint name, sorted ordinally (the driver's order follows the input order).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sources =>
        Single.GeneratedSources
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => new KeyValuePair<string, string>(s.HintName, s.SourceText.ToString()))
            .ToList();

    public string Source(string hintName) => Sources.Single(s => s.Key == hintName).Value;

    /// <summary>Fails when the generator threw (CS8785 and an exception on the run result) instead of reporting.</summary>
    public GeneratorRun AssertDidNotThrow()
    {
        Assert.True(Single.Exception is null, "The generator threw: " + Single.Exception);
        var crash = DriverDiagnostics.Concat(Result.Diagnostics).Where(d => d.Id is "CS8784" or "CS8785").ToList();
        Assert.True(crash.Count == 0, "The generator crashed: " + string.Join("\n", crash));
        return this;
    }
}

/// <summary>Runs <see cref="SchemaGenerator"/> the way the compiler does, and compiles its output against real references.</summary>
internal static class GeneratorHarness
{
    /// <summary>The parse options of our projects: latest C#, XML docs checked (GenerateDocumentationFile), strict mode.</summary>
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose)
        .WithFeatures(new[] { new KeyValuePair<string, string>("strict", "true") });

    /// <summary>Nullable on, every warning wave (AnalysisLevel latest), deterministic.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999,
        deterministic: true);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        // The shared framework the tests run on (from the trusted platform assemblies), plus the runtime
        // library and NodaTime, the two non-framework assemblies generated code uses. Nothing else from the
        // test's own dependency set (xunit, Roslyn) is visible to the generated code.
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var framework = tpa.Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal)
            && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        var extra = new[] { typeof(ChannelCatalogue).Assembly.Location, typeof(NodaTime.LocalDate).Assembly.Location };
        return framework.Concat(extra)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpCompilation CreateCompilation(string assemblyName = "Consumer", params SyntaxTree[] trees) =>
        CSharpCompilation.Create(
            assemblyName,
            trees.Length > 0 ? trees : new[] { ParseTree("namespace Consumer { internal static class Anchor { } }", "Anchor.cs") },
            References,
            CompilationOptions);

    public static SyntaxTree ParseTree(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path, Encoding.UTF8);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> texts, AnalyzerConfigOptionsProvider? options = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new SchemaGenerator().AsSourceGenerator() },
            texts,
            ParseOptions,
            options ?? TestOptionsProvider.Empty,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, diagnostics);
    }

    public static GeneratorRun Run(IEnumerable<AdditionalText> texts, AnalyzerConfigOptionsProvider? options = null) =>
        Run(CreateDriver(texts, options), CreateCompilation());

    public static GeneratorRun Run(params AdditionalText[] texts) => Run((IEnumerable<AdditionalText>)texts);

    /// <summary>Compiler diagnostics of warning severity or worse (what would fail our warnings-as-errors build).</summary>
    public static IReadOnlyList<Diagnostic> WarningsAndErrors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Emits the compilation to an in-memory assembly; fails with every warning and error.</summary>
    public static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(result.Success && problems.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems));
        return stream.ToArray();
    }
}
