using System;
using System.CommandLine;
using System.IO;
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
        var format = new Option<string?>("--format") { Description = "csv, json or parquet (default: from the --out extension, else csv)." };
        var output = new Option<string>("--out") { Description = "The file to write.", Required = true };
        var command = new Command("export", "Export the per-variation daily metrics of every channel as a long or wide table.");
        common.AddTo(command);
        command.Options.Add(layout);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var shape = Choices.Check(parse.GetValue(layout), "--layout", "long", "long", "wide");
            var path = parse.GetValue(output)!;
            var inferred = Path.GetExtension(path).TrimStart('.').ToLowerInvariant() switch
            {
                "json" => "json",
                "parquet" => "parquet",
                _ => "csv",
            };
            var kind = Choices.Check(parse.GetValue(format), "--format", inferred, "csv", "json", "parquet");
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null && !Directory.Exists(directory))
            {
                throw new UserErrorException($"--out {path}: the folder {directory} does not exist.");
            }

            var window = common.Window(parse);
            var catalogue = SchemaOption.Catalogue(parse);
            var inputs = common.Load(parse, window, catalogue);
            var table = shape == "wide" ? ExportTables.Wide(catalogue, inputs) : ExportTables.Long(catalogue, inputs);

            // Write next to the target and move into place, so a failed export leaves no half-written file.
            var temp = path + ".tmp";
            try
            {
                await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
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

                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }

            CommandRunner.Inform($"Wrote {table.Rows.Count} rows ({shape}, {kind}) to {path}.");
            UnknownDataNote.Write(inputs, catalogue);
            return ExitCodes.Success;
        }));
        return command;
    }
}
