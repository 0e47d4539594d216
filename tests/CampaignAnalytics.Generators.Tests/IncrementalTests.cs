using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using CampaignAnalytics.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>
/// Mapperly's edit-scenario matrix over the tracked steps of <see cref="SchemaGenerator.Steps"/>: an
/// unrelated edit re-runs nothing, a real schema edit flows through, a whitespace edit stops at the parse
/// step, and adding or removing a schema leaves the other file's output alone.
/// </summary>
public class IncrementalTests
{
    private static readonly string[] s_stepNames = typeof(SchemaGenerator.Steps)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToArray();

    private static readonly IncrementalStepRunReason[] s_reused = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    [Fact]
    public void The_step_names_are_the_ones_these_tests_know()
    {
        Assert.Equal(new[] { "CrossFileDiagnostics", "Documents", "EmitInput", "Parsed", "SchemaInput", "TypeOwners" }, s_stepNames);
    }

    [Fact]
    public void First_run_reports_every_step_as_New()
    {
        var run = GeneratorHarness.Run(TestSchemas.Real()).AssertDidNotThrow();
        foreach (var name in s_stepNames)
        {
            Assert.All(Outputs(run, name), o => Assert.Equal(IncrementalStepRunReason.New, o.Reason));
        }
    }

    [Fact]
    public void Adding_an_unrelated_syntax_tree_reuses_every_step()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(new[] { TestSchemas.Real() }), compilation);
        var second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(GeneratorHarness.ParseTree("namespace Consumer { internal static class Other { } }", "Other.cs")));
        AssertEveryStepReused(second);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Editing_an_unrelated_syntax_tree_reuses_every_step()
    {
        var tree = GeneratorHarness.ParseTree("namespace Consumer { internal static class Anchor { } }", "Anchor.cs");
        var compilation = GeneratorHarness.CreateCompilation("Consumer", tree);
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(new[] { TestSchemas.Real() }), compilation);
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From("namespace Consumer { internal static class Anchor { public static int X => 1; } }")));
        var second = GeneratorHarness.Run(first.Driver, edited);
        AssertEveryStepReused(second);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void With_every_schema_file_an_unrelated_edit_leaves_every_step_Cached()
    {
        var tree = GeneratorHarness.ParseTree("namespace Consumer { internal static class Anchor { } }", "Anchor.cs");
        var compilation = GeneratorHarness.CreateCompilation("Consumer", tree);
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(TestSchemas.All()), compilation).AssertDidNotThrow();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From("namespace Consumer { internal static class Anchor { public static int X => 1; } }")));
        var second = GeneratorHarness.Run(first.Driver, edited).AssertDidNotThrow();
        foreach (var name in s_stepNames)
        {
            var reasons = Outputs(second, name).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.True(reasons.All(r => r == IncrementalStepRunReason.Cached), name + ": " + string.Join(", ", reasons));
        }

        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Editing_a_file_that_refers_to_the_series_leaves_the_series_output_alone_and_the_reverse()
    {
        var texts = TestSchemas.All();
        var first = GeneratorHarness.Run(texts).AssertDidNotThrow();
        var canvas = texts.Single(t => t.Path.EndsWith("/canvas-data-series.schema.json", StringComparison.Ordinal));
        var root = JsonNode.Parse(canvas.GetText()!.ToString())!;
        root["$defs"]!["step_stats"]!["properties"]!.AsObject()["entries"] = JsonNode.Parse("""{ "type": "integer", "minimum": 0, "description": "Entries into the step." }""");
        var editedCanvas = new TestAdditionalText(canvas.Path, root.ToJsonString());
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(canvas, editedCanvas), GeneratorHarness.CreateCompilation()).AssertDidNotThrow();

        // One file's model changed; every other file's parse re-ran (it sees every file) and was found equal.
        Assert.Single(Outputs(second, SchemaGenerator.Steps.Parsed), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(Outputs(second, SchemaGenerator.Steps.EmitInput), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("Entries", second.Source("CampaignAnalytics.Models.CanvasStepStats.g.cs"), StringComparison.Ordinal);
        const string Changed = "CampaignAnalytics.Models.CanvasStepStats.g.cs";
        Assert.Equal(first.Sources.Where(s => s.Key != Changed), second.Sources.Where(s => s.Key != Changed));

        // A channel added to the series reaches a Canvas step's messages through the shared type; no Canvas file is re-emitted.
        var series = texts.Single(t => t.Path == "/repo/schema/campaign-data-series.schema.json");
        var withLine = new TestAdditionalText(series.Path, TestSchemas.ConsumerWithLineText().Replace("Consumer.Models", "CampaignAnalytics.Models", StringComparison.Ordinal));
        var third = GeneratorHarness.Run(second.Driver.ReplaceAdditionalText(series, withLine), GeneratorHarness.CreateCompilation()).AssertDidNotThrow();
        Assert.Empty(third.Result.Diagnostics);
        Assert.Single(Outputs(third, SchemaGenerator.Steps.EmitInput), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("LineVariation", third.Source("CampaignAnalytics.Models.ChannelMessages.g.cs"), StringComparison.Ordinal);
        Assert.Equal(second.Source(Changed), third.Source(Changed));
    }

    [Fact]
    public void Adding_a_property_to_the_schema_flows_through_to_the_generated_record()
    {
        var original = TestSchemas.Real();
        var first = GeneratorHarness.Run(original);
        Assert.DoesNotContain("ForwardedCount", first.Source("CampaignAnalytics.Models.EmailVariation.g.cs"), StringComparison.Ordinal);

        var root = JsonNode.Parse(original.GetText()!.ToString())!;
        root["$defs"]!["email"]!["properties"]!.AsObject()["forwarded_count"] = JsonNode.Parse("""{ "type": "integer", "minimum": 0, "description": "Emails forwarded." }""");
        var edited = new TestAdditionalText(original.Path, root.ToJsonString());
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(original, edited), GeneratorHarness.CreateCompilation()).AssertDidNotThrow();

        Assert.Contains(Outputs(second, SchemaGenerator.Steps.SchemaInput), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(Outputs(second, SchemaGenerator.Steps.Parsed), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(Outputs(second, SchemaGenerator.Steps.EmitInput), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(Outputs(second, SchemaGenerator.Steps.CrossFileDiagnostics), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        var email = second.Source("CampaignAnalytics.Models.EmailVariation.g.cs");
        Assert.Contains("public long? ForwardedCount\n", email, StringComparison.Ordinal);
        Assert.Contains("\"forwarded_count\"u8", email, StringComparison.Ordinal);
        Assert.Contains("\"forwarded_count\", \"ForwardedCount\"", second.Source("CampaignAnalytics.Models.CampaignDataSeriesCatalogue.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_whitespace_only_schema_edit_stops_at_the_parse_step()
    {
        var original = TestSchemas.Real();
        var first = GeneratorHarness.Run(original);
        var text = original.GetText()!.ToString();
        var edited = new TestAdditionalText(original.Path, "\n  " + text.Replace("\n", "\n  ", StringComparison.Ordinal) + "\n\n");
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(original, edited), GeneratorHarness.CreateCompilation()).AssertDidNotThrow();

        // The text changed, so the file is read and parsed again; the spec is equal, so nothing downstream runs.
        Assert.All(Outputs(second, SchemaGenerator.Steps.SchemaInput), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.All(Outputs(second, SchemaGenerator.Steps.Parsed), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        foreach (var name in new[] { SchemaGenerator.Steps.TypeOwners, SchemaGenerator.Steps.EmitInput, SchemaGenerator.Steps.CrossFileDiagnostics })
        {
            Assert.All(Outputs(second, name), o => Assert.Contains(o.Reason, s_reused));
        }

        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Adding_and_removing_a_second_schema_leaves_the_first_files_output_alone()
    {
        var real = TestSchemas.Real();
        var consumer = TestSchemas.ConsumerWithLine();
        var first = GeneratorHarness.Run(real);

        var added = GeneratorHarness.Run(first.Driver.AddAdditionalTexts(ImmutableArrayOf(consumer)), GeneratorHarness.CreateCompilation()).AssertDidNotThrow();
        // Every parse sees every schema file (a $ref may name another file's definition): the real file is parsed
        // again and found equal, so nothing after its parse runs again.
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.New }.OrderBy(r => r), Outputs(added, SchemaGenerator.Steps.Parsed).Select(o => o.Reason).OrderBy(r => r));
        Assert.All(Outputs(added, SchemaGenerator.Steps.TypeOwners), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        // The real file's emit input is recomputed (the ownership table changed) but equal, so it is not re-emitted.
        Assert.Equal(new[] { IncrementalStepRunReason.New, IncrementalStepRunReason.Unchanged }.OrderBy(r => r), Outputs(added, SchemaGenerator.Steps.EmitInput).Select(o => o.Reason).OrderBy(r => r));
        Assert.Empty(added.Result.Diagnostics);
        Assert.Contains(added.Sources, s => s.Key == "Consumer.Models.LineVariation.g.cs");
        Assert.Equal(first.Sources, added.Sources.Where(s => s.Key.StartsWith("CampaignAnalytics.Models.", StringComparison.Ordinal)));

        var removed = GeneratorHarness.Run(added.Driver.RemoveAdditionalTexts(ImmutableArrayOf(consumer)), GeneratorHarness.CreateCompilation()).AssertDidNotThrow();
        Assert.Contains(Outputs(removed, SchemaGenerator.Steps.Parsed), o => o.Reason == IncrementalStepRunReason.Removed);
        Assert.DoesNotContain(Outputs(removed, SchemaGenerator.Steps.EmitInput), o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
        Assert.Equal(first.Sources, removed.Sources);
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_or_compilations()
    {
        // Every step's output of a run that exercises every path: a good file, a bad one and a contested pair.
        var run = GeneratorHarness.Run(
            TestSchemas.Real(),
            new TestAdditionalText("/bad.schema.json", "{ \"type\": \"object\", \"oneOf\": [] }"),
            new TestAdditionalText("/z/copy.schema.json", RepoPaths.RealSchemaText)).AssertDidNotThrow();
        var checkedTypes = new HashSet<Type>();
        foreach (var name in s_stepNames.Where(n => run.Single.TrackedSteps.ContainsKey(n)))
        {
            foreach (var step in run.Single.TrackedSteps[name])
            {
                foreach (var (value, _) in step.Outputs)
                {
                    ForbiddenTypes.AssertNone(value, name, checkedTypes);
                }
            }
        }

        Assert.Contains(checkedTypes, t => t.Name == "SchemaSpec");
        Assert.Contains(checkedTypes, t => t.Name == "DiagnosticInfo");
        Assert.Contains(checkedTypes, t => t.Name == "EmitInput");
        Assert.Equal(s_stepNames, s_stepNames.Where(run.Single.TrackedSteps.ContainsKey));
    }

    private static void AssertEveryStepReused(GeneratorRun run)
    {
        run.AssertDidNotThrow();
        var tracked = run.Single.TrackedSteps;
        foreach (var name in s_stepNames)
        {
            Assert.True(tracked.ContainsKey(name), "Step " + name + " was not tracked");
            var reasons = tracked[name].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.True(reasons.All(r => s_reused.Contains(r)), name + ": " + string.Join(", ", reasons));
        }
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string step) =>
        run.Single.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs) : throw new Xunit.Sdk.XunitException("Step " + step + " was not tracked");

    private static System.Collections.Immutable.ImmutableArray<AdditionalText> ImmutableArrayOf(AdditionalText text) => System.Collections.Immutable.ImmutableArray.Create(text);

    /// <summary>Walks a pipeline value reflectively and fails on any Roslyn object that would pin a compilation.</summary>
    private static class ForbiddenTypes
    {
        private static readonly Type[] s_forbidden =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel),
            typeof(SourceText), typeof(Location), typeof(AdditionalText), typeof(Diagnostic),
        };

        public static void AssertNone(object? value, string path, HashSet<Type> checkedTypes) => Walk(value, path, checkedTypes, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);

        private static void Walk(object? value, string path, HashSet<Type> checkedTypes, HashSet<object> seen, int depth)
        {
            if (value is null || depth > 64)
            {
                return;
            }

            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal)
            {
                return;
            }

            Assert.False(s_forbidden.Any(f => f.IsAssignableFrom(type)), "Pipeline output " + path + " holds a " + type.FullName);
            if (!type.IsValueType && !seen.Add(value))
            {
                return;
            }

            if (checkedTypes.Add(type))
            {
                // The declared shape too, so a field that happens to be null here is still checked.
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    Assert.False(s_forbidden.Any(f => f.IsAssignableFrom(field.FieldType) || field.FieldType.GetGenericArguments().Any(f.IsAssignableFrom)), type.Name + "." + field.Name + " is declared as " + field.FieldType);
                }
            }

            if (value is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                {
                    Walk(item, path + "[" + i++ + "]", checkedTypes, seen, depth + 1);
                }

                return;
            }

            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                Walk(field.GetValue(value), path + "." + field.Name, checkedTypes, seen, depth + 1);
            }
        }
    }
}
