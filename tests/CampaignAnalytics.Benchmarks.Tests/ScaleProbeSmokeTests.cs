using System;
using System.IO;
using System.Linq;
using CampaignAnalytics.Benchmarks;
using Xunit.Abstractions;

namespace CampaignAnalytics.Benchmarks.Tests;

/// <summary>
/// The portfolio generator and the scale probe at a tiny size: every command succeeds, and the tool's peak memory does
/// not grow with the number of campaigns (10 and 100 campaigns within 1.5× of each other). Nothing is timed.
/// </summary>
public sealed class ScaleProbeSmokeTests
{
    private readonly ITestOutputHelper _output;

    public ScaleProbeSmokeTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_portfolio_is_seeded_and_has_the_sample_s_channels()
    {
        var first = Path.Combine(Path.GetTempPath(), "ca-portfolio-" + Guid.NewGuid().ToString("N"));
        var second = first + "-again";
        try
        {
            var files = Portfolio.Write(3, 40, first);
            Portfolio.Write(3, 40, second);
            Assert.Equal(3, files.Count);
            Assert.All(files, f => Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(second, Path.GetFileName(f)))));

            var catalogue = Models.CampaignDataSeriesCatalogue.Instance;
            var sample = catalogue.ParseResponse(File.ReadAllBytes(Portfolio.SamplePath));
            var response = catalogue.ParseResponse(File.ReadAllBytes(files[1]));
            Assert.Equal(40, response.Data!.Count);
            Assert.Equal(Enumerable.Range(0, 40).Select(d => Portfolio.Start.AddDays(d)), response.Data!.Select(d => d.Time.ToDateOnly()));
            string[] Channels(Models.CampaignDataSeriesResponse r) =>
                catalogue.Channels.Where(c => r.Data!.Any(d => c.GetVariations(d).Count > 0)).Select(c => c.Key).ToArray();
            Assert.Equal(Channels(sample), Channels(response));
        }
        finally
        {
            foreach (var dir in new[] { first, second }.Where(Directory.Exists))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Only_runs_the_commands_named_and_compares_their_outputs_with_the_build_before()
    {
        var text = new StringWriter();
        var runs = ScaleProbe.Run(text, campaigns: 3, days: 20, before: ScaleProbe.DefaultCli, only: "report --by month --format");
        var run = Assert.Single(runs);
        Assert.Equal("report --by month --format csv", run.Name);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("outputs identical", text.ToString(), StringComparison.Ordinal);
        Assert.True(!OperatingSystem.IsLinux() || run.CpuSeconds > 0, "CPU time from /proc/PID/stat");
        Assert.DoesNotContain("export", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_runs_and_peak_memory_is_flat_from_10_to_100_campaigns()
    {
        var small = ScaleProbe.Run(new StringWriter(), campaigns: 10, days: 150);
        var text = new StringWriter();
        var large = ScaleProbe.Run(text, campaigns: 100, days: 150);
        _output.WriteLine(text.ToString());
        Assert.Equal(ScaleProbe.Commands("w").Select(c => c.Name), large.Select(r => r.Name));
        Assert.All(small.Concat(large), r => Assert.True(r.ExitCode == 0, r.Name + ": " + r.Stderr));
        if (!OperatingSystem.IsLinux())
        {
            return; // peak RSS comes from /proc
        }

        foreach (var run in large)
        {
            var baseline = small.Single(r => r.Name == run.Name);
            Assert.True(baseline.PeakRssMegabytes > 0, run.Name);
            Assert.True(
                run.PeakRssMegabytes <= 1.5 * baseline.PeakRssMegabytes,
                $"{run.Name}: {run.PeakRssMegabytes:F0} MB for 100 campaigns, {baseline.PeakRssMegabytes:F0} MB for 10");
        }
    }
}
