using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>Golden files for everything the real schema generates, and that it compiles and is byte-stable.</summary>
public class GeneratedSourceSnapshotTests
{
    private const string Folder = "CampaignDataSeries";
    private static readonly Lazy<GeneratorRun> s_real = new(() => GeneratorHarness.Run(TestSchemas.Real()).AssertDidNotThrow());

    public static IEnumerable<object[]> HintNames() => s_real.Value.Sources.Select(s => new object[] { s.Key });

    [Theory]
    [MemberData(nameof(HintNames))]
    public void Generated_file_matches_its_snapshot(string hintName)
    {
        Snapshot.Verify(Folder + "/" + hintName + ".txt", s_real.Value.Source(hintName));
    }

    [Fact]
    public void Every_generated_file_has_a_snapshot_and_every_snapshot_a_generated_file()
    {
        var names = s_real.Value.Sources.Select(s => s.Key).ToList();
        Assert.Contains("CampaignAnalytics.Models.CampaignDataSeriesCatalogue.g.cs", names);
        Assert.Contains("CampaignAnalytics.Models.EmailVariation.g.cs", names);
        Assert.All(names, n => Assert.StartsWith("CampaignAnalytics.Models.", n, StringComparison.Ordinal));
        Snapshot.VerifyNoStale(Folder, names.Select(n => n + ".txt"));
    }

    [Fact]
    public void Every_method_and_nested_type_the_generator_adds_to_a_model_is_a_reserved_name()
    {
        // A schema property may not take these names (CAG006); a generated member missing from the list would let a
        // schema compile into a name clash instead of a located diagnostic.
        var added = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in s_real.Value.Sources.Where(s => !s.Key.EndsWith("Catalogue.g.cs", StringComparison.Ordinal)))
        {
            var root = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source.Value).GetRoot();
            foreach (var model in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>()
                .Where(t => t.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax))
            {
                foreach (var member in model.Members)
                {
                    switch (member)
                    {
                        case Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method:
                            added.Add(method.Identifier.ValueText);
                            break;
                        case Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax nested:
                            added.Add(nested.Identifier.ValueText);
                            break;
                    }
                }
            }
        }

        Assert.Contains("TryRead", added);
        var unreserved = added.Where(n => !CampaignAnalytics.Generators.Model.ReservedNames.Members.Contains(n)).ToList();
        Assert.True(unreserved.Count == 0, "Generated but not reserved: " + string.Join(", ", unreserved));
    }

    [Fact]
    public void The_real_schema_reports_nothing_and_uses_only_newline_line_ends()
    {
        var run = s_real.Value;
        Assert.Empty(run.Result.Diagnostics);
        Assert.All(run.Sources, s => Assert.DoesNotContain('\r', s.Value));
    }

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings_against_the_runtime_assembly()
    {
        // The runtime assembly already contains CampaignAnalytics.Models (generated from this very schema), so
        // compiling the output under that namespace would only collide with it (CS0436). The per-file namespace
        // metadata moves the output elsewhere; the test then proves the text is the snapshot's, namespace aside.
        var real = TestSchemas.Real();
        var run = GeneratorHarness.Run(new[] { real }, TestOptionsProvider.WithFileNamespace(real.Path, "Compiled.Models")).AssertDidNotThrow();
        Assert.Empty(run.Result.Diagnostics);

        var expected = s_real.Value.Sources.Select(s => new KeyValuePair<string, string>(
            s.Key.Replace("CampaignAnalytics.Models.", "Compiled.Models.", StringComparison.Ordinal),
            s.Value.Replace("CampaignAnalytics.Models", "Compiled.Models", StringComparison.Ordinal)));
        Assert.Equal(expected, run.Sources);

        var problems = GeneratorHarness.WarningsAndErrors(run.OutputCompilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotEmpty(GeneratorHarness.Emit(run.OutputCompilation));
    }

    [Fact]
    public void Output_is_byte_stable_across_runs()
    {
        var first = GeneratorHarness.Run(TestSchemas.Real()).AssertDidNotThrow();
        var second = GeneratorHarness.Run(TestSchemas.Real()).AssertDidNotThrow();
        Assert.Equal(first.Sources, second.Sources);
        Assert.Equal(s_real.Value.Sources, second.Sources);
    }

    [Fact]
    public void Output_does_not_depend_on_the_order_of_AdditionalFiles()
    {
        var forward = GeneratorHarness.Run(TestSchemas.Real(), TestSchemas.ConsumerWithLine(), Duplicate("/z/first.schema.json"), Duplicate("/a/second.schema.json")).AssertDidNotThrow();
        var backward = GeneratorHarness.Run(Duplicate("/a/second.schema.json"), Duplicate("/z/first.schema.json"), TestSchemas.ConsumerWithLine(), TestSchemas.Real()).AssertDidNotThrow();
        Assert.Equal(forward.Sources, backward.Sources);
        Assert.Equal(Describe(forward.Result.Diagnostics), Describe(backward.Result.Diagnostics));

        // The contested file pair resolves the same way whatever the order: the path that sorts first wins.
        Assert.Contains(forward.Sources, s => s.Value.Contains("from second.schema.json.", StringComparison.Ordinal));
        Assert.DoesNotContain(forward.Sources, s => s.Value.Contains("from first.schema.json.", StringComparison.Ordinal));
        Assert.All(forward.Result.Diagnostics, d => Assert.Equal("CAG007", d.Id));

        static TestAdditionalText Duplicate(string path) => new(path, TestSchemas.ConsumerWithLineText().Replace("Consumer.Models", "Contested.Models", StringComparison.Ordinal));
        static IEnumerable<string> Describe(IEnumerable<Diagnostic> diagnostics) => diagnostics.Select(d => d.ToString()).OrderBy(s => s, StringComparer.Ordinal);
    }
}
