using System;
using System.IO;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>The analyst scripts run against this run's packages and print the weekly report of the sample.</summary>
[Collection(PackagesCollection.Name)]
public sealed class ScriptTests(PackagesFixture packages)
{
    [Fact]
    public void Fsharp_script_prints_the_weekly_report() =>
        AssertReport(Run("weekly-report.fsx", ["fsi", "weekly-report.fsx", PackagesFixture.Sample]));

    [Fact]
    public void File_based_csharp_app_prints_the_weekly_report() =>
        AssertReport(Run("weekly-report.cs", ["run", "weekly-report.cs", "--", PackagesFixture.Sample]));

    private ProcessResult Run(string script, string[] arguments)
    {
        Assert.True(File.Exists(PackagesFixture.Sample), $"The bundled sample {PackagesFixture.Sample} is missing (it comes from branch 'cli').");
        // A temporary folder outside the repository, as on an analyst's machine (no repository build settings).
        var work = Directory.CreateTempSubdirectory("ca-script-").FullName;
        try
        {
            var text = File.ReadAllText(Path.Combine(DotNet.RepoRoot, "notebooks", "scripts", script));
            File.WriteAllText(Path.Combine(work, script), Placeholders.Rewrite(text, packages.Folder, packages.Version, script));
            var result = DotNet.Run(work, arguments, TimeSpan.FromMinutes(4));
            Assert.True(result.ExitCode == 0, result.Describe(script));
            return result;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void AssertReport(ProcessResult result)
    {
        Assert.Contains("Weekly report of spring-sale.json: 100 days, 2025-03-01 to 2025-06-08", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Week of 2025-03-03", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Email conversion rate against the control group", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Control Group\s+\d+\.\d\d%\s+p=-\s+\(control\)", result.Stdout);
    }
}
