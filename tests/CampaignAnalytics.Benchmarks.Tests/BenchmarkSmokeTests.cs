using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CampaignAnalytics.Benchmarks;
using Xunit.Abstractions;

namespace CampaignAnalytics.Benchmarks.Tests;

/// <summary>
/// Keeps the benchmarks compiling and running: every benchmark of the program, once, in this process
/// (BenchmarkDotNet's Dry job), in whatever configuration the tests are built in. Measures nothing.
/// </summary>
public class BenchmarkSmokeTests
{
    private readonly ITestOutputHelper _output;

    public BenchmarkSmokeTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_ratio_probe_runs_every_payload_once_and_prints_a_line_each()
    {
        // One operation per round is below the CPU clock's resolution, so the values are not checked here: this keeps
        // the probe compiling and running; the figures come from a Release run (RESULTS.md).
        var text = new StringWriter();
        var lines = RatioProbe.Run(text, rounds: 1, operationsScale: 0.001);
        Assert.Equal(Payloads.Names, lines.Select(l => l.Payload));
        Assert.Equal(Payloads.Names.Length, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void The_parquet_writer_probe_writes_the_same_rows_with_each_library_and_every_file_has_dictionary_strings()
    {
        // The comparison is fair only if every writer gets the export's settings: dictionary pages for the strings
        // (a probe whose Parquet.Net writer missed its hints measured a cheaper, PLAIN file than the export writes).
        var text = new StringWriter();
        var lines = ParquetWriterProbe.Run(text, campaigns: 1, rounds: 1, days: 20);
        _output.WriteLine(text.ToString());
        Assert.Equal(new[] { "Parquet.Net 6.1.0", "ParquetSharp 25.0.1.2", "ParquetSharp Arrow", "campaign-analytics" }, lines.Select(l => l.Writer));
        Assert.All(lines, l => Assert.True(l.DictionaryStrings, l.Writer + " wrote PLAIN strings."));
        Assert.All(lines, l => Assert.True(l.Bytes > 0));
    }

    [Fact]
    public void Every_benchmark_runs_once_in_process_without_errors()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "campaign-analytics-bench-smoke-" + Guid.NewGuid().ToString("N"));
        var log = new AccumulationLogger();
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(log)
            // Debug builds (the test run) are fine for a smoke run; nothing here is a measurement.
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile)
            .WithArtifactsPath(artifacts);
        try
        {
            var types = new[] { typeof(DeserializationBenchmarks), typeof(FrameBenchmarks), typeof(GeneratorBenchmarks) };
            Assert.Equal(
                types.Select(t => t.FullName).OrderBy(n => n, StringComparer.Ordinal),
                typeof(Program).Assembly.GetTypes()
                    .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false).Length > 0))
                    .Select(t => t.FullName).OrderBy(n => n, StringComparer.Ordinal));

            var summaries = BenchmarkRunner.Run(types, config);
            var failures = summaries
                .SelectMany(s => s.ValidationErrors.Where(e => e.IsCritical).Select(e => "validation: " + e.Message)
                    .Concat(s.BenchmarksCases.Where(c => s[c] is not { Success: true, ResultStatistics: not null }).Select(c => "no result: " + c.DisplayInfo)))
                .ToList();
            if (failures.Count > 0)
            {
                _output.WriteLine(log.GetLog());
            }

            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
            // 4 deserializers and 6 frame paths over 3 payloads, plus the generator's first and cached runs.
            Assert.Equal(4 * 3 + 6 * 3 + 2, summaries.Sum(s => s.BenchmarksCases.Length));
        }
        finally
        {
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }
        }
    }
}

/// <summary>Keeps the portfolio probe running: a tiny run, values not timed.</summary>
public class PortfolioProbeSmokeTests
{
    [Fact]
    public async System.Threading.Tasks.Task The_portfolio_probe_fetches_every_campaign_and_sends_nothing_while_exhausted()
    {
        var text = new StringWriter();
        var lines = await PortfolioProbe.RunAsync(text, campaigns: 5, days: 120, latency: TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, lines.Count);
        Assert.Equal(10, lines[0].Requests);
        Assert.All(lines.Skip(1), l => Assert.Equal(1 + 5 + 10, l.Requests)); // a list page, the details, the series
        Assert.All(lines, l => Assert.Equal(5 * 120, l.Days));
        Assert.All(lines, l => Assert.Equal(0, l.FailedCampaigns));
        Assert.All(lines, l => Assert.Equal(0, l.SentWhileExhausted));
        Assert.Contains("sent while Remaining = 0: 0", text.ToString(), StringComparison.Ordinal);
    }
}
