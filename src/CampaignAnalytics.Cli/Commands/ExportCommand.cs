using System;
using System.Collections.Generic;
using System.Globalization;
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
        var output = new Option<string>("--out") { Description = "The file to write, or - for stdout; with --partition-by, the dataset's folder.", Required = true };
        var partitionBy = new Option<string[]>("--partition-by")
        {
            Description = "Write a Hive-style partitioned Parquet dataset into the --out folder, split by campaign_id, month, both (campaign_id,month) or none "
                + "(DIR/campaign_id=…/month=2026-10/part-0.parquet, _manifest.json, _SUCCESS); a re-export rewrites only partitions whose rows changed. Long layout.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("export", "Export the per-variation daily metrics of every channel as a long or wide table.");
        common.AddTo(command);
        command.Options.Add(layout);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(partitionBy);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var shape = Choices.Check(parse.GetValue(layout), "--layout", "long", "long", "wide");
            var path = parse.GetValue(output)!;
            var toStdout = path == "-";
            var window = common.Window(parse);
            var catalogue = SchemaOption.Catalogue(parse);
            var canvas = common.LoadCanvas(parse, window);
            if (canvas is not null)
            {
                // Canvas steps carry the campaign series' channel shapes: the bundled catalogue reads them.
                catalogue = Models.CampaignDataSeriesCatalogue.Instance;
            }

            var tally = new InputTally(catalogue, window);
            if (parse.GetResult(partitionBy) is not null)
            {
                if (canvas is not null)
                {
                    throw new UserErrorException("--partition-by writes campaign data; export a Canvas to one file (--out FILE).");
                }

                var keys = PartitionKeys.Parse(parse.GetValue(partitionBy) ?? Array.Empty<string>());
                if (parse.GetValue(format) is { } chosen && Choices.Check(chosen, "--format", "csv", Formats) != "parquet")
                {
                    throw new UserErrorException($"--partition-by writes Parquet; leave --format out or use --format parquet.");
                }

                if (shape != "long")
                {
                    throw new UserErrorException("--partition-by writes the long layout (one schema for every partition); use --layout long.");
                }

                if (toStdout)
                {
                    throw new UserErrorException("--partition-by writes a folder; give its path with --out.");
                }

                var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
                if (parent is not null && !Directory.Exists(parent))
                {
                    throw new UserErrorException($"--out {path}: the folder {parent} does not exist.");
                }

                var inputs = tally.Track(common.Stream(parse, window, catalogue));
                using var lake = new ParquetLake(path, keys);
                ExportTables.Long(catalogue, inputs, lake);
                WriteNotes(tally);
                CommandRunner.Inform(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {lake.RowCount} rows (long, parquet, partitioned by {keys}) to {path}: {lake.Written} partitions written, {lake.Unchanged} unchanged, {lake.Removed} removed."));
                WriteUnknownNote(tally);
                return ExitCodes.Success;
            }

            var kind = FormatOf(path, toStdout, parse.GetValue(format));
            if (!toStdout)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is not null && !Directory.Exists(directory))
                {
                    throw new UserErrorException($"--out {path}: the folder {directory} does not exist.");
                }
            }

            Table? canvasTable = null;
            if (canvas is not null)
            {
                // One Canvas is bounded: its step rows are collected, then gain the canvas and step columns.
                var steps = new TableSink(shape == "wide" ? ExportTables.WideColumns(catalogue, canvas.Steps) : ExportTables.LongColumns);
                if (shape == "wide")
                {
                    ExportTables.Wide(catalogue, canvas.Steps, steps);
                }
                else
                {
                    ExportTables.Long(catalogue, canvas.Steps, steps);
                }

                canvasTable = CanvasCommands.WithStepColumns(canvas, steps.Table);
            }

            var stream = tally.Track(canvas is null ? common.Stream(parse, window, catalogue) : Array.Empty<CampaignInput>());
            // The wide table's columns depend on every campaign: read them once for the columns, then again for the rows.
            var rowColumns = canvasTable?.Columns ?? (shape == "wide" ? ExportTables.WideColumns(catalogue, common.Stream(parse, window, catalogue)) : ExportTables.LongColumns);
            // Names stored by fetch --all add campaign_name as the last column (every other column keeps its place).
            var names = canvas is null ? common.StoredNames(parse, catalogue) : null;
            var columns = names is null ? rowColumns : CampaignNameSink.With(rowColumns);
            void Write(RowSink target)
            {
                var sink = names is null ? target : new CampaignNameSink(target, rowColumns, names);
                if (canvasTable is not null)
                {
                    sink.WriteTable(canvasTable);
                }
                else if (shape == "wide")
                {
                    ExportTables.Wide(catalogue, stream, sink);
                }
                else
                {
                    ExportTables.Long(catalogue, stream, sink);
                }
            }

            long rows;
            // A device or pipe given as --out (/dev/null, a FIFO) is written to as stdout is, never replaced by a rename.
            var asIs = toStdout || SpecialFiles.IsSpecial(path);
            Stream OpenTarget() => toStdout ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            if (asIs && kind != "parquet")
            {
                // Rows go out as they are made (a failure part way ends the output early; the exit code says so).
                Console.Out.Flush();
                await using var target = new BufferedStream(OpenTarget(), 1 << 16);
                rows = WriteTo(kind, columns, target, Write);
            }
            else
            {
                // Write next to the target and move into place, so a failed export leaves no half-written file
                // (Parquet for stdout too goes through a temporary file: a Parquet file is readable only once its footer is
                // written, so an export that fails part way writes nothing rather than a file without one).
                var temp = asIs ? Path.GetTempFileName() : path + ".tmp";
                try
                {
                    await using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
                    {
                        rows = WriteTo(kind, columns, file, Write);
                    }

                    if (asIs)
                    {
                        Console.Out.Flush();
                        await using var source = File.OpenRead(temp);
                        await using var target = OpenTarget();
                        await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        File.Move(temp, path, overwrite: true);
                    }
                }
                finally
                {
                    if (File.Exists(temp))
                    {
                        File.Delete(temp);
                    }
                }
            }

            WriteNotes(tally);
            CommandRunner.Inform(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows} rows ({shape}, {kind}) to {(toStdout ? "stdout" : path)}."));
            WriteUnknownNote(tally);
            return ExitCodes.Success;
        }));
        Help.AddExamples(command, new[]
        {
            "campaign-analytics export spring-sale.json --layout long --out values.parquet",
            "campaign-analytics export --store campaigns.db --campaign 1234-abcd --layout long --format json --out - | jq length",
            "campaign-analytics export notebooks/data/spring-sale.json notebooks/data/welcome-series.json --layout long --partition-by campaign_id,month --out lake/",
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

    /// <summary>Writes the rows to <paramref name="stream"/> in <paramref name="kind"/>; returns how many.</summary>
    private static long WriteTo(string kind, IReadOnlyList<Column> columns, Stream stream, Action<RowSink> write)
    {
        switch (kind)
        {
            case "parquet":
                using (var sink = new ParquetRowSink(columns, stream))
                {
                    write(sink);
                    return sink.RowCount;
                }

            case "json":
                using (var sink = new JsonRowSink(columns, stream))
                {
                    write(sink);
                    return sink.RowCount;
                }

            default:
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                using (var sink = new CsvRowSink(columns, writer))
                {
                    write(sink);
                    return sink.RowCount;
                }
        }
    }

    private static void WriteNotes(InputTally tally)
    {
        foreach (var note in tally.WindowNotes)
        {
            Note.Write(note);
        }
    }

    private static void WriteUnknownNote(InputTally tally)
    {
        if (tally.UnknownNote() is { } note)
        {
            Note.Write(note);
        }
    }
}
