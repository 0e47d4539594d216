using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using CampaignAnalytics.Cli.Tests;

namespace CampaignAnalytics.Benchmarks;

/// <summary>The arguments of <c>--vs-pandas N D [--python PATH] [--cli PATH] [--work DIR] [--rss-limit-mb MB]</c>.</summary>
/// <param name="Campaigns">Campaigns in the portfolio.</param>
/// <param name="Days">Days per campaign.</param>
/// <param name="Python">The Python with pandas (default <c>/usr/bin/python3</c>, Debian's <c>python3-pandas</c>).</param>
/// <param name="Cli">The tool (default: the one built beside the benchmarks).</param>
/// <param name="Work">Where the portfolio and outputs go (default: a temporary folder, deleted after).</param>
/// <param name="RssLimitMegabytes">Either run is stopped once its peak RSS passes this (default 12,000 MB).</param>
public sealed record PandasOptions(int Campaigns, int Days, string Python, string? Cli, string? Work, double RssLimitMegabytes)
{
    /// <summary>The Python used unless <c>--python</c> says otherwise.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    /// <summary>The peak RSS limit unless <c>--rss-limit-mb</c> says otherwise.</summary>
    public const double DefaultRssLimitMegabytes = 12_000;

    /// <summary>Parses the arguments after <c>--vs-pandas</c>.</summary>
    /// <exception cref="ArgumentException">N or D missing or not a positive integer, an option without its value, or an unknown option.</exception>
    public static PandasOptions Parse(IReadOnlyList<string> args)
    {
        const string usage = "usage: --vs-pandas N D [--python PATH] [--cli PATH] [--work DIR] [--rss-limit-mb MB]";
        static int Positive(string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException(usage);

        if (args.Count < 2)
        {
            throw new ArgumentException(usage);
        }

        var options = new PandasOptions(Positive(args[0]), Positive(args[1]), DefaultPython, null, null, DefaultRssLimitMegabytes);
        for (var i = 2; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException(usage);
            options = args[i] switch
            {
                "--python" => options with { Python = value },
                "--cli" => options with { Cli = value },
                "--work" => options with { Work = value },
                "--rss-limit-mb" => options with { RssLimitMegabytes = Positive(value) },
                _ => throw new ArgumentException(usage),
            };
        }

        return options;
    }
}

/// <summary>How the pandas output compares with the tool's: rows by key (period, campaign, channel, variation, rate).</summary>
/// <param name="Rows">Rows of the tool's output.</param>
/// <param name="Missing">Rows of the tool's that pandas lacks.</param>
/// <param name="Extra">Rows of pandas' that the tool lacks.</param>
/// <param name="Different">Rows of both whose numerator, denominator or days differ, or whose value differs by more than 1e-12 relative (where the tool has one).</param>
/// <param name="First">The first difference found, for the message; null when they agree.</param>
public sealed record PandasAgreement(int Rows, int Missing, int Extra, int Different, string? First)
{
    /// <summary>True when every row is in both and equal.</summary>
    public bool Agrees => Missing == 0 && Extra == 0 && Different == 0 && Rows > 0;

    /// <summary>Compares <c>report --by month --format csv</c>'s output with <c>report_by_month.py</c>'s (both files with a header).</summary>
    public static PandasAgreement Of(string toolCsv, string pandasCsv)
    {
        var tool = Read(toolCsv);
        var pandas = Read(pandasCsv);
        string? first = null;
        var missing = 0;
        var different = 0;
        foreach (var (key, row) in tool)
        {
            if (!pandas.TryGetValue(key, out var other))
            {
                missing++;
                first ??= "missing from pandas: " + key;
                continue;
            }

            static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            var same = Number(row["numerator"]) == Number(other["numerator"])
                && Number(row["denominator"]) == Number(other["denominator"])
                && Number(row["days"]) == Number(other["days"])
                && (row["value"].Length == 0 || Math.Abs(Number(row["value"]) - Number(other["value"])) <= 1e-12 * Math.Abs(Number(row["value"])));
            if (!same)
            {
                different++;
                first ??= $"different: {key}: {string.Join(",", row.Values)} against {string.Join(",", other.Values)}";
            }
        }

        var extra = pandas.Keys.Count(k => !tool.ContainsKey(k));
        first ??= extra > 0 ? "only in pandas: " + pandas.Keys.First(k => !tool.ContainsKey(k)) : null;
        return new PandasAgreement(tool.Count, missing, extra, different, first);
    }

    private static Dictionary<string, Dictionary<string, string>> Read(string path)
    {
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() is { } line ? Csv.Parse(line)[0] : throw new InvalidDataException(path + ": empty");
        while (reader.ReadLine() is { } text)
        {
            if (text.Length == 0)
            {
                continue;
            }

            var fields = Csv.Parse(text)[0];
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < fields.Length; i++)
            {
                row[header[i]] = fields[i];
            }

            var key = string.Join("|", row["period_start"], row["period_end"], row["campaign_id"], row["channel"], row["variation_api_id"], row["variation_name"], row["rate"]);
            if (!rows.TryAdd(key, row))
            {
                throw new InvalidDataException(path + ": the row " + key + " is there twice");
            }
        }

        return rows;
    }
}

/// <summary>
/// Issue 13's "at least 10× faster than the pandas equivalent", measured side by side in one run: a seeded portfolio
/// (<see cref="Portfolio"/>), then <c>campaign-analytics report --by month --format csv</c> and
/// <c>pandas/report_by_month.py</c> (json.load, flatten, groupby, to_csv) on the same files, each a child process
/// measured for wall time and peak RSS; the outputs are compared row by row (<see cref="PandasAgreement"/>) and the
/// ratios printed. A timed probe, not a test:
/// <code>dotnet run -c Release --project tests/CampaignAnalytics.Benchmarks -- --vs-pandas N D [--python PATH] [--rss-limit-mb MB]</code>
/// </summary>
public static class PandasProbe
{
    /// <summary>The pandas script, copied beside the assembly.</summary>
    public static string Script => Path.Combine(AppContext.BaseDirectory, "pandas", "report_by_month.py");

    /// <summary>The schema the script reads its channels and rates from, copied beside the assembly.</summary>
    public static string Schema => Path.Combine(AppContext.BaseDirectory, "campaign-data-series.schema.json");

    /// <summary>Runs both, writes the table, the agreement and the ratios; returns 0 when both ran and agree, else 1.</summary>
    public static int Run(TextWriter output, PandasOptions options)
    {
        var version = PandasVersion(options.Python);
        if (version is null)
        {
            output.WriteLine($"pandas is not importable by {options.Python} (Debian: apt-get install -y python3-pandas; or --python PATH).");
            return 1;
        }

        var cli = options.Cli ?? ScaleProbe.DefaultCli;
        var own = options.Work is null;
        var work = options.Work ?? Path.Combine(Path.GetTempPath(), "campaign-analytics-pandas-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = Portfolio.Write(options.Campaigns, options.Days, Path.Combine(work, "portfolio"));
            var bytes = files.Sum(f => new FileInfo(f).Length);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"portfolio: {options.Campaigns} campaigns × {options.Days} days, {bytes / 1e6:F1} MB of JSON; pandas {version}, {options.Python}"));
            var toolCsv = Path.Combine(work, "report.csv");
            var pandasCsv = Path.Combine(work, "pandas.csv");
            var tool = ScaleProbe.MeasureProgram(
                "campaign-analytics report --by month --format csv", "dotnet",
                new[] { cli, "report" }.Concat(files).Concat(new[] { "--by", "month", "--format", "csv" }).ToList(), toolCsv, options.RssLimitMegabytes);
            Line(output, tool);
            var pandas = ScaleProbe.MeasureProgram(
                "pandas report_by_month.py", options.Python,
                new[] { Script, "--schema", Schema, "--out", pandasCsv }.Concat(files).ToList(), null, options.RssLimitMegabytes);
            Line(output, pandas);
            if (tool.ExitCode != 0 || pandas.ExitCode != 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"no comparison: a run did not finish; pandas ÷ campaign-analytics wall at least {pandas.WallSeconds / tool.WallSeconds:F1}× (pandas stopped or failed after {pandas.WallSeconds:F1} s)"));
                return 1;
            }

            var agreement = PandasAgreement.Of(toolCsv, pandasCsv);
            output.WriteLine(agreement.Agrees
                ? string.Create(CultureInfo.InvariantCulture, $"outputs agree: {agreement.Rows} rows, numerator, denominator and days equal, value within 1e-12 relative")
                : string.Create(CultureInfo.InvariantCulture, $"outputs DIFFER: {agreement.Rows} rows, {agreement.Missing} missing from pandas, {agreement.Extra} only in pandas, {agreement.Different} different; {agreement.First}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pandas ÷ campaign-analytics: wall {pandas.WallSeconds / tool.WallSeconds:F1}×, cpu {pandas.CpuSeconds / tool.CpuSeconds:F1}×, peak RSS {pandas.PeakRssMegabytes / tool.PeakRssMegabytes:F1}×"));
            return agreement.Agrees ? 0 : 1;
        }
        finally
        {
            if (own && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static void Line(TextWriter output, ScaleRun run)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.Name,-50} exit {run.ExitCode}   wall {run.WallSeconds,7:F2} s   cpu {run.CpuSeconds,7:F2} s   peak RSS {run.PeakRssMegabytes,7:F0} MB{(run.Stopped ? "   STOPPED at the RSS limit" : string.Empty)}"));
        if (run.ExitCode != 0 && !run.Stopped)
        {
            output.WriteLine("  " + run.Stderr.Trim().Split('\n')[^1]);
        }
    }

    /// <summary>pandas' version as <paramref name="python"/> imports it; null when it cannot.</summary>
    private static string? PandasVersion(string python)
    {
        try
        {
            var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("import pandas; print(pandas.__version__)");
            using var process = Process.Start(info)!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 && version.Length > 0 ? version : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
