using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;

namespace CampaignAnalytics.Cli.Commands;

/// <summary><c>export</c>: the raw per-element metrics as a long or wide table in CSV, JSON or Parquet.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var layout = new Option<string>("--layout") { Description = "long (one row per metric value) or wide (one row per variation and day, one column per metric).", Required = true };
        var format = new Option<string?>("--format") { Description = "csv, json or parquet (default: from the --out extension, .csv, .json or .parquet; csv for - and for a name without extension). Another extension needs --format." };
        var output = new Option<string>("--out") { Description = "The file to write, or - for stdout.", Required = true };
        var command = new Command("export", "Export the per-variation daily metrics of every channel as a long or wide table.");
        common.AddTo(command);
        command.Options.Add(layout);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var shape = Choices.Check(parse.GetValue(layout), "--layout", "long", "long", "wide");
            var path = parse.GetValue(output)!;
            var toStdout = path == "-";
            var kind = FormatOf(path, toStdout, parse.GetValue(format));
            if (!toStdout)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is not null && !Directory.Exists(directory))
                {
                    throw new UserErrorException($"--out {path}: the folder {directory} does not exist.");
                }
            }

            var window = common.Window(parse);
            var catalogue = SchemaOption.Catalogue(parse);
            var inputs = common.Load(parse, window, catalogue);
            var table = CampaignNameColumn.Append(shape == "wide" ? ExportTables.Wide(catalogue, inputs) : ExportTables.Long(catalogue, inputs), inputs);

            if (toStdout)
            {
                var buffer = new MemoryStream();
                await WriteAsync(table, kind, buffer).ConfigureAwait(false);
                Emit.WriteRaw(buffer.ToArray());
            }
            else
            {
                // Write next to the target and move into place, so a failed export leaves no half-written file.
                var temp = path + ".tmp";
                try
                {
                    await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                    {
                        await WriteAsync(table, kind, stream).ConfigureAwait(false);
                    }

                    File.Move(temp, path, overwrite: true);
                }
                finally
                {
                    if (File.Exists(temp))
                    {
                        File.Delete(temp);
                    }
                }
            }

            foreach (var note in InputChoices.WindowNotes(inputs, window))
            {
                Note.Write(note);
            }

            CommandRunner.Inform($"Wrote {table.Rows.Count} rows ({shape}, {kind}) to {(toStdout ? "stdout" : path)}.");
            UnknownDataNote.Write(inputs, catalogue);
            return ExitCodes.Success;
        }));
        Help.AddExamples(command, new[]
        {
            "campaign-analytics export spring-sale.json --layout long --out values.parquet",
            "campaign-analytics export notebooks/data/*.json --layout wide --out wide.csv",
            "campaign-analytics export --store campaigns.db --campaign 1234-abcd --layout long --format json --out - | jq length",
        });
        return command;
    }

    /// <summary>The file extensions export knows, and their formats.</summary>
    private static readonly string[] Formats = { "csv", "json", "parquet" };

    /// <summary>
    /// The format to write: <c>--format</c>, else the <c>--out</c> extension, else csv (stdout, or a name without
    /// extension). An extension export does not write (<c>x.xlsx</c>) without <c>--format</c>, or one that contradicts
    /// <c>--format</c>, is a user error: never CSV in a file whose name says otherwise.
    /// </summary>
    internal static string FormatOf(string path, bool toStdout, string? format)
    {
        var chosen = format is null ? null : Choices.Check(format, "--format", "csv", Formats);
        var extension = toStdout ? string.Empty : Path.GetExtension(path).TrimStart('.');
        if (extension.Length == 0)
        {
            return chosen ?? "csv";
        }

        var known = Formats.FirstOrDefault(f => string.Equals(f, extension, StringComparison.OrdinalIgnoreCase));
        if (known is null && chosen is null)
        {
            throw new UserErrorException($"--out {path}: unknown extension '.{Lines.Excerpt(extension, 16)}'; export writes .csv, .json or .parquet (or name the format with --format).");
        }

        if (known is not null && chosen is not null && known != chosen)
        {
            throw new UserErrorException($"--format {chosen} does not match --out {path}; use a .{chosen} file or leave --format out.");
        }

        return chosen ?? known!;
    }

    private static async Task WriteAsync(Table table, string kind, Stream stream)
    {
        switch (kind)
        {
            case "parquet":
                await ParquetTableWriter.WriteAsync(table, stream).ConfigureAwait(false);
                break;
            case "json":
                JsonTableWriter.Write(table, stream);
                break;
            default:
                await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true))
                {
                    CsvWriter.Write(table, writer);
                }

                break;
        }
    }
}
