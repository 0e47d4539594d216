using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace CampaignAnalytics.Benchmarks;

/// <summary>
/// A quick check of the deserialization ratios that holds up on a machine whose speed drifts: the generated reader,
/// the raw token walk and System.Text.Json source generation run in turns, in rounds, in one process, each round after
/// a forced collection, and each ratio is taken within a round (the machine's speed is the same for the three) before
/// the median over rounds is printed. Times are process CPU time per operation. Not a BenchmarkDotNet run: use it to
/// compare builds or to read ratios when the BenchmarkDotNet figures straddle a phase change of the machine.
/// <code>dotnet run -c Release --project tests/CampaignAnalytics.Benchmarks -- --ratios [rounds]</code>
/// </summary>
public static class RatioProbe
{
    /// <summary>Runs the probe over every payload and writes one line per payload.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="rounds">Rounds per payload (the median is over these).</param>
    /// <param name="operationsScale">Multiplies the operations per round (1 for real use; tests pass a tiny value).</param>
    public static IReadOnlyList<RatioLine> Run(TextWriter output, int rounds = 8, double operationsScale = 1)
    {
        var lines = new List<RatioLine>();
        foreach (var payload in Payloads.Names)
        {
            // The very methods BenchmarkDotNet measures, on the same payload.
            var benchmarks = new DeserializationBenchmarks { Payload = payload };
            benchmarks.Setup();
            var operations = Math.Max(1, (int)(operationsScale * payload switch
            {
                Payloads.OneDay => 5000,
                Payloads.HundredDays => 100,
                _ => 10,
            }));
            for (var i = 0; i < Math.Min(operations, 30); i++)
            {
                benchmarks.GeneratedReader();
                benchmarks.RawTokenWalk();
                benchmarks.StjSourceGen();
            }

            var generatedOverWalk = new List<double>();
            var stjOverGenerated = new List<double>();
            var generatedTimes = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var generated = CpuMilliseconds(benchmarks.GeneratedReader, operations);
                var walk = CpuMilliseconds(benchmarks.RawTokenWalk, operations);
                var stj = CpuMilliseconds(benchmarks.StjSourceGen, operations);
                generatedOverWalk.Add(generated / walk);
                stjOverGenerated.Add(stj / generated);
                generatedTimes.Add(generated);
            }

            var line = new RatioLine(payload, Median(generatedTimes), Median(generatedOverWalk), Median(stjOverGenerated));
            lines.Add(line);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{payload,-15} generated {line.GeneratedMilliseconds,10:F4} ms/op   generated ÷ raw walk {line.GeneratedOverWalk:F2}×   STJ source gen ÷ generated {line.StjOverGenerated:F2}×   (median of {rounds} rounds)"));
        }

        return lines;
    }

    private static double CpuMilliseconds(Func<int> operation, int count)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        var sink = 0;
        for (var i = 0; i < count; i++)
        {
            sink += operation();
        }

        process.Refresh();
        GC.KeepAlive(sink);
        return (process.TotalProcessorTime - start).TotalMilliseconds / count;
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    internal static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>One payload's probe result.</summary>
/// <param name="Payload">The payload name.</param>
/// <param name="GeneratedMilliseconds">Median CPU milliseconds per operation of the generated reader.</param>
/// <param name="GeneratedOverWalk">Median of the per-round generated ÷ raw walk ratios.</param>
/// <param name="StjOverGenerated">Median of the per-round System.Text.Json source generation ÷ generated ratios.</param>
public sealed record RatioLine(string Payload, double GeneratedMilliseconds, double GeneratedOverWalk, double StjOverGenerated);
