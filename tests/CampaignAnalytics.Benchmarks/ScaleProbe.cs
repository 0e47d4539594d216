using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace CampaignAnalytics.Benchmarks;

/// <summary>One command of the scale probe, measured.</summary>
/// <param name="Name">What was run.</param>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="WallSeconds">Wall time from start to exit.</param>
/// <param name="PeakRssMegabytes">The peak resident set (VmHWM of /proc/PID/status, polled while it runs; 0 where there is no /proc).</param>
/// <param name="Stderr">What it wrote to stderr.</param>
/// <param name="Stopped">True when it was killed for passing the peak RSS limit it was given (its exit code is then the kill's).</param>
/// <param name="CpuSeconds">User and system CPU time of the process (its threads, not its children), as last polled from
/// /proc/PID/stat before it exited (up to one poll short); 0 where there is no /proc. Steadier than the wall on a busy machine.</param>
public sealed record ScaleRun(string Name, int ExitCode, double WallSeconds, double PeakRssMegabytes, string Stderr, bool Stopped = false, double CpuSeconds = 0);

/// <summary>
/// The commands of issue 13 at scale, side by side in one run: a seeded portfolio (<see cref="Portfolio"/>) of N
/// campaigns × D days, then <c>report --by month --format csv</c>, <c>export --format parquet --partition-by month</c>,
/// <c>export --layout long --format csv</c>, the single-file <c>export --layout long --format parquet</c>, a filtered
/// <c>report --by month --channel email</c> and <c>export --layout wide --format csv</c> (both read the input twice), each as a
/// child process (<c>dotnet campaign-analytics.dll</c>) measured for wall time and peak RSS, and the ratio of the Parquet
/// exports to the CSV export.
/// <code>dotnet run -c Release --project tests/CampaignAnalytics.Benchmarks -- --scale N D [--cli PATH] [--work DIR] [--before PATH] [--only NAME]</code>
/// </summary>
public static class ScaleProbe
{
    /// <summary>The tool built beside this assembly (the benchmarks reference the CLI project).</summary>
    public static string DefaultCli => Path.Combine(AppContext.BaseDirectory, "campaign-analytics.dll");

    /// <summary>The commands measured, by name, with their arguments after the input files.</summary>
    public static IReadOnlyList<(string Name, string[] Arguments)> Commands(string work) => new[]
    {
        ("report --by month --format csv", new[] { "report", "--by", "month", "--format", "csv" }),
        ("export parquet --partition-by month", new[] { "export", "--layout", "long", "--partition-by", "month", "--out", Path.Combine(work, "lake") }),
        ("export --layout long --format csv", new[] { "export", "--layout", "long", "--out", Path.Combine(work, "long.csv") }),
        ("export --layout long --format parquet", new[] { "export", "--layout", "long", "--out", Path.Combine(work, "long.parquet") }),
        ("report --by month --channel email --format csv", new[] { "report", "--by", "month", "--channel", "email", "--format", "csv" }),
        ("export --layout wide --format csv", new[] { "export", "--layout", "wide", "--out", Path.Combine(work, "wide.csv") }),
    };

    /// <summary>
    /// Generates the portfolio, runs every command once, writes a table and the ratios, and returns the runs. With
    /// <paramref name="before"/> (another build of the tool), each command runs with that build first, then with
    /// <paramref name="cli"/>, into folders of their own: the table has both, the ratio of the walls and whether the
    /// outputs are the same bytes (stdout, and the files or folders written).
    /// </summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="campaigns">Campaigns in the portfolio.</param>
    /// <param name="days">Days per campaign.</param>
    /// <param name="cli">The tool measured (default: the one built beside the benchmarks).</param>
    /// <param name="work">Where the portfolio and outputs go (default: a temporary folder, deleted after).</param>
    /// <param name="before">Another build of the tool to run first, side by side.</param>
    /// <param name="only">Only the commands whose name starts with this (<c>--only report</c>); null for all.</param>
    public static IReadOnlyList<ScaleRun> Run(TextWriter output, int campaigns, int days, string? cli = null, string? work = null, string? before = null, string? only = null)
    {
        cli ??= DefaultCli;
        var own = work is null;
        work ??= Path.Combine(Path.GetTempPath(), "campaign-analytics-scale-" + Guid.NewGuid().ToString("N"));
        try
        {
            var watch = Stopwatch.StartNew();
            var files = Portfolio.Write(campaigns, days, Path.Combine(work, "portfolio"));
            var bytes = files.Sum(f => new FileInfo(f).Length);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"portfolio: {campaigns} campaigns × {days} days, {bytes / 1e6:F1} MB of JSON (written in {watch.Elapsed.TotalSeconds:F1} s)"));
            var runs = new List<ScaleRun>();
            ScaleRun Once(string name, string tool, string[] arguments, string label, string folder)
            {
                // Compared runs keep their stdout to compare it.
                Directory.CreateDirectory(folder);
                var stdout = before is null ? null : Path.Combine(folder, "stdout");
                var run = Measure(name, tool, arguments.Take(1).Concat(files).Concat(arguments.Skip(1)).ToList(), stdout);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label + name,-47} exit {run.ExitCode}   wall {run.WallSeconds,7:F2} s   cpu {run.CpuSeconds,7:F2} s   peak RSS {run.PeakRssMegabytes,7:F0} MB"));
                if (run.ExitCode != 0)
                {
                    output.WriteLine("  " + run.Stderr.Trim());
                }

                return run;
            }

            if (before is null)
            {
                foreach (var (name, arguments) in Commands(work).Where(c => Chosen(c.Name, only)))
                {
                    runs.Add(Once(name, cli, arguments, string.Empty, work));
                }
            }
            else
            {
                var old = Path.Combine(work, "before");
                var now = Path.Combine(work, "after");
                var pairs = Commands(old).Zip(Commands(now)).Where(p => Chosen(p.First.Name, only));
                foreach (var ((name, oldArguments), (_, newArguments)) in pairs)
                {
                    var was = Once(name, before, oldArguments, "before: ", old);
                    var run = Once(name, cli, newArguments, "after:  ", now);
                    runs.Add(run);
                    var same = SameTree(old, now);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  after ÷ before: wall {run.WallSeconds / was.WallSeconds:F2}×, cpu {run.CpuSeconds / was.CpuSeconds:F2}×, peak RSS {run.PeakRssMegabytes / was.PeakRssMegabytes:F2}×; outputs {(same ? "identical" : "DIFFERENT")}"));
                    Directory.Delete(old, recursive: true);
                    Directory.Delete(now, recursive: true);
                }
            }

            var csv = runs.SingleOrDefault(r => r.Name == "export --layout long --format csv");
            var single = runs.SingleOrDefault(r => r.Name == "export --layout long --format parquet");
            var lake = runs.SingleOrDefault(r => r.Name == "export parquet --partition-by month");
            if (csv is not null && single is not null && lake is not null)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Parquet ÷ CSV wall: single file {single.WallSeconds / csv.WallSeconds:F2}×, partitioned by month {lake.WallSeconds / csv.WallSeconds:F2}×"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Parquet ÷ CSV cpu:  single file {single.CpuSeconds / csv.CpuSeconds:F2}×, partitioned by month {lake.CpuSeconds / csv.CpuSeconds:F2}×"));
            }

            return runs;
        }
        finally
        {
            if (own && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static bool Chosen(string name, string? only) => only is null || name.StartsWith(only, StringComparison.Ordinal);

    /// <summary>True when both folders hold the same files (by relative path) with the same bytes.</summary>
    private static bool SameTree(string a, string b)
    {
        static List<string> Files(string root) =>
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToList();

        var names = Files(a);
        if (!names.SequenceEqual(Files(b)))
        {
            return false;
        }

        foreach (var name in names)
        {
            using var x = File.OpenRead(Path.Combine(a, name));
            using var y = File.OpenRead(Path.Combine(b, name));
            if (x.Length != y.Length)
            {
                return false;
            }

            var bufferX = new byte[1 << 16];
            var bufferY = new byte[1 << 16];
            int read;
            while ((read = x.ReadAtLeast(bufferX, bufferX.Length, throwOnEndOfStream: false)) > 0)
            {
                y.ReadExactly(bufferY, 0, read);
                if (!bufferX.AsSpan(0, read).SequenceEqual(bufferY.AsSpan(0, read)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Runs <c>dotnet CLI arguments</c>, stdout discarded (or written to <paramref name="stdoutFile"/>), and measures wall time and peak RSS.</summary>
    public static ScaleRun Measure(string name, string cli, IReadOnlyList<string> arguments, string? stdoutFile = null) =>
        MeasureProgram(name, "dotnet", new[] { cli }.Concat(arguments).ToList(), stdoutFile);

    /// <summary>
    /// Runs <c>program arguments</c> as <see cref="Measure"/> does; with <paramref name="rssLimitMegabytes"/>, kills it
    /// (and its children) once its peak RSS passes the limit, and says so (<see cref="ScaleRun.Stopped"/>).
    /// </summary>
    public static ScaleRun MeasureProgram(string name, string program, IReadOnlyList<string> arguments, string? stdoutFile = null, double? rssLimitMegabytes = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        using var sinkStream = stdoutFile is null ? Stream.Null : File.Create(stdoutFile);
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(sinkStream);
        var stderr = process.StandardError.ReadToEndAsync();
        var status = "/proc/" + process.Id.ToString(CultureInfo.InvariantCulture) + "/status";
        var stat = "/proc/" + process.Id.ToString(CultureInfo.InvariantCulture) + "/stat";
        long peakKilobytes = 0;
        long cpuTicks = 0;
        var stopped = false;
        while (!process.WaitForExit(10))
        {
            peakKilobytes = Math.Max(peakKilobytes, HighWaterKilobytes(status));
            cpuTicks = Math.Max(cpuTicks, CpuTicks(stat));
            if (!stopped && peakKilobytes / 1024.0 > rssLimitMegabytes)
            {
                stopped = true;
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit();
        watch.Stop();
        stdout.Wait();
        return new ScaleRun(name, process.ExitCode, watch.Elapsed.TotalSeconds, peakKilobytes / 1024.0, stderr.Result, stopped, cpuTicks / 100.0);
    }

    /// <summary>utime + stime of a /proc stat file in clock ticks (USER_HZ, 100 on Linux); 0 once the process is gone or where there is no /proc.</summary>
    private static long CpuTicks(string stat)
    {
        try
        {
            var text = File.ReadAllText(stat);

            // The fields after the command name (which is in parentheses and may hold spaces): state is field 3, utime 14, stime 15.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture) + long.Parse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>VmHWM of a /proc status file in kB; 0 once the process is gone or where there is no /proc.</summary>
    private static long HighWaterKilobytes(string status)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Exited between two polls.
        }

        return 0;
    }
}
