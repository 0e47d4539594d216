using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CampaignAnalytics.Benchmarks;

/// <summary>
/// The source generator over the full schema: a first run (a new driver), and a second run of a driver that has
/// already run, after an unrelated edit (one more syntax tree), which should reuse every cached step.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private AdditionalText _schema = null!;
    private GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        var schemaPath = Path.Combine(AppContext.BaseDirectory, "campaign-data-series.schema.json");
        _schema = new SchemaText("/repo/schema/campaign-data-series.schema.json", File.ReadAllText(schemaPath));
        _compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Anchor { } }", s_parseOptions, "Anchor.cs", Encoding.UTF8) },
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _edited = _compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Other { } }", s_parseOptions, "Other.cs", Encoding.UTF8));
        _warm = CreateDriver().RunGenerators(_compilation);
        if (_warm.GetRunResult().GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException("The generator produced nothing for the schema.");
        }
    }

    [Benchmark(Baseline = true)]
    public int FirstRun() => CreateDriver().RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;

    [Benchmark]
    public int CachedRunAfterUnrelatedEdit() => _warm.RunGenerators(_edited).GetRunResult().GeneratedTrees.Length;

    private GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new SchemaGenerator().AsSourceGenerator() },
            new[] { _schema },
            s_parseOptions,
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static ImmutableArray<MetadataReference> References()
    {
        // The shared framework plus the two non-framework assemblies generated code uses.
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.EnumerateFiles(frameworkDir, "*.dll")
            .Where(p => IsManaged(p))
            .Append(typeof(ChannelCatalogue).Assembly.Location)
            .Append(typeof(NodaTime.LocalDate).Assembly.Location)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private sealed class SchemaText : AdditionalText
    {
        private readonly SourceText _text;

        public SchemaText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
