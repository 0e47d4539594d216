using System;
using System.CommandLine;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>schema check</c>: channels and fields of real payloads that the schema lacks, and the fragment to add.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("INPUT") { Description = "Response files to check.", Arity = ArgumentArity.OneOrMore };
        var check = new Command("check", "List channels and fields seen in the files that the schema lacks, with inferred JSON types, and print the JSON Schema fragment to add. Exit 0 when there are none, 3 when there are some.");
        check.Arguments.Add(inputs);
        check.SetAction(parse => CommandRunner.Run(() =>
        {
            var schemaPath = parse.GetValue<string?>(SchemaOption.Name);
            var schemaText = schemaPath is null ? null : SchemaOption.ReadText(schemaPath);
            var catalogue = schemaText is null ? SchemaOption.Catalogue((string?)null) : SchemaOption.FromText(schemaText, schemaPath!);
            var files = parse.GetValue(inputs) ?? Array.Empty<string>();
            var findings = new SchemaCheck();
            foreach (var file in files)
            {
                if (CanvasInput.ShapeOf(file) != ResponseShape.Campaign)
                {
                    // A Canvas's step messages are the campaign series' channel shapes: checked against the bundled catalogue.
                    var canvas = CanvasInput.TryLoad(new[] { file }, null, Array.Empty<string>(), Array.Empty<string>(), (null, null))!;
                    findings.AddDays(file, canvas.Steps.SelectMany(s => s.Days), Models.CampaignDataSeriesCatalogue.Instance);
                    continue;
                }

                findings.Add(file, InputLoader.ParseFile(file, catalogue), catalogue);
            }

            if (!findings.HasFindings)
            {
                Emit.WriteRaw(Encoding.UTF8.GetBytes($"No unknown channels or fields in {files.Length} file(s): the schema ({catalogue.SchemaId}) covers everything seen.\n"));
                return ExitCodes.Success;
            }

            var text = new StringBuilder();
            foreach (var line in findings.Describe())
            {
                text.Append(line).Append('\n');
            }

            var untyped = findings.Untyped().ToList();
            if (untyped.Count > 0)
            {
                text.Append("\nKept as raw JSON in UnknownFields; the generator cannot type them yet (not in the fragment):\n");
                foreach (var line in untyped)
                {
                    text.Append("  ").Append(line).Append('\n');
                }
            }

            var fragment = findings.Fragment(schemaText is null ? null : JsonNode.Parse(schemaText)!.AsObject());
            if (fragment.Count > 0)
            {
                text.Append("\nJSON Schema fragment to merge into ").Append(schemaPath ?? "schema/campaign-data-series.schema.json").Append(":\n");
                text.Append(SchemaCheck.ToText(fragment)).Append('\n');
            }
            Emit.WriteRaw(Encoding.UTF8.GetBytes(text.ToString()));
            return ExitCodes.SchemaGaps;
        }));

        var schema = new Command("schema", "Check real payloads against the schema the tool was built with (or --schema's).");
        schema.Subcommands.Add(check);
        var examples = new[]
        {
            "campaign-analytics schema check response.json",
            "campaign-analytics schema check exports/*.json > missing-fields.txt",
        };
        Help.AddExamples(check, examples);
        Help.AddExamples(schema, examples);
        return schema;
    }
}
